namespace VoiceGrains.Simulator;

/// <summary>
/// A call the product placed (through Twilio's REST API, or a stand-in of it) that the simulator answers as the
/// callee: its sid, and the voice and status-callback addresses the product created it with, where Twilio sends the
/// answered call's webhooks (signed for exactly those addresses, query included).
/// </summary>
public sealed record PlacedCall(string CallSid, Uri VoiceUrl, Uri StatusCallback);
