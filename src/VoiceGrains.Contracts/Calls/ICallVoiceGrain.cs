namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// The same call grain as <see cref="ICallGrain"/> (keyed by call sid), as the call's synthesizer sees it: when the
/// agent's words actually went out, for the turn's latencies.
/// </summary>
[Alias("VoiceGrains.ICallVoiceGrain")]
public interface ICallVoiceGrain : IGrainWithStringKey
{
    /// <summary>
    /// The first audio of the sentence named <paramref name="mark"/> was published at <paramref name="at"/>,
    /// <paramref name="synthesisMs"/> after the synthesizer took the sentence. A report: nothing waits for it.
    /// </summary>
    [Alias("SentenceAudible"), Orleans.Concurrency.OneWay]
    Task SentenceAudibleAsync(string mark, DateTimeOffset at, int synthesisMs);
}
