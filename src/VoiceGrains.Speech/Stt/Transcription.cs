namespace VoiceGrains.Speech.Stt;

/// <summary>What was said in an utterance, with the time it waited for and took on the inference pool.</summary>
public sealed record Transcription(
    string Text,
    IReadOnlyList<TranscriptSegment> Segments,
    string? Language,
    TimeSpan AudioDuration,
    TimeSpan QueueWait,
    TimeSpan Inference);
