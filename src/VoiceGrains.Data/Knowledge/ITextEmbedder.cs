namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// Turns text into a vector of its meaning, so that a caller's words can be matched to a document's when they share
/// none ("can I put everybody on one reservation?" and "each reservation can have at most five passengers").
/// </summary>
public interface ITextEmbedder
{
    /// <summary>One unit-length vector per text, in order.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
