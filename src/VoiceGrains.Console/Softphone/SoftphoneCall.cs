namespace VoiceGrains.Console.Softphone;

/// <summary>A call the softphone placed: its sid, and the single-use token its browser puts in the stream's start message.</summary>
public sealed record SoftphoneCall(string CallSid, string MediaToken);
