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
    /// The call is over: once the sentences still queued have been spoken, the carrier is told to close the media
    /// stream (<see cref="CloseMediaStream"/>). Returns at once; nothing queued afterwards is spoken.
    /// </summary>
    [Alias("CloseMediaStream")]
    Task CloseMediaStreamAsync();
}
