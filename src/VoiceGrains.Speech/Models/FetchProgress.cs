namespace VoiceGrains.Speech.Models;

/// <summary>How far a model transfer has got.</summary>
public sealed record FetchProgress(ModelEntry Model, long BytesDone, string Source);
