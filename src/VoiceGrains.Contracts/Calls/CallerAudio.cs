namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// A few 20 ms frames of the caller's 8 kHz μ-law audio, on the call's audio-in stream (keyed by call sid).
/// <c>FirstSequence</c> is the Media Streams sequence number of the first frame.
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.CallerAudio")]
public sealed record CallerAudio(
    [property: Id(0)] long FirstSequence,
    [property: Id(1)] byte[] MuLaw);
