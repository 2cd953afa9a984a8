namespace VoiceGrains.Speech.Inference;

/// <summary>A job's result, how long it waited for a slot, and how long it then ran.</summary>
public sealed record InferenceResult<T>(T Value, TimeSpan QueueWait, TimeSpan Inference);
