namespace VoiceGrains.Simulator;

/// <summary>
/// A caller line as the phone sends it: 20 ms μ-law frames, and which of them hold the voice (the first and last
/// frame above the noise floor), from which voice-to-voice latency and barge-in reaction are measured.
/// </summary>
public sealed record CallerClip(IReadOnlyList<byte[]> Frames, int VoiceStart, int VoiceEnd);
