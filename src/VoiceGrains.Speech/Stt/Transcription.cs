namespace VoiceGrains.Speech.Stt;

/// <summary>
/// What was said in an utterance, with the time it waited for and took on the inference pool, and the encoder frames
/// it was heard over (<see cref="AudioContextSize"/>; the full window when a fitted one made the decoder loop).
/// </summary>
public sealed record Transcription(
    string Text,
    IReadOnlyList<TranscriptSegment> Segments,
    string? Language,
    TimeSpan AudioDuration,
    TimeSpan QueueWait,
    TimeSpan Inference,
    int AudioContext = AudioContextSize.Full);
