namespace VoiceGrains.Contracts.Calls;

/// <summary>Speaks for one call (keyed by call sid): sentences in, audio-out stream out.</summary>
[Alias("VoiceGrains.ISynthesizerGrain")]
public interface ISynthesizerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues sentences to speak, in order, after any still being spoken; returns at once. After each sentence a
    /// mark goes out, named by <paramref name="marks"/> (one per sentence) or "sentence-N"; the carrier echoes it
    /// once the caller has heard the sentence.
    /// </summary>
    [Alias("Speak")]
    Task SpeakAsync(IReadOnlyList<string> sentences, IReadOnlyList<string>? marks = null);

    /// <summary>Barge-in: stops speaking within a frame, drops what is queued, and tells the carrier to clear its buffer.</summary>
    /// <remarks>Interleaves with a running <see cref="SpeakAsync"/>: it must be able to cut speech off at any time.</remarks>
    [Alias("Stop"), Orleans.Concurrency.AlwaysInterleave]
    Task StopAsync();

    /// <summary>
    /// Ends the call's audio: the carrier is told to hang up, or to move the caller to <paramref name="transferTo"/>.
    /// Called once the caller has heard the last words.
    /// </summary>
    [Alias("HangUp")]
    Task HangUpAsync(string? transferTo);
}
