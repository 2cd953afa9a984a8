namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// The same call grain as <see cref="ICallGrain"/> (keyed by call sid), as the call's recognizer sees it: what it
/// hears of the caller, as soon as it hears it.
/// </summary>
[Alias("VoiceGrains.ICallHearingGrain")]
public interface ICallHearingGrain : IGrainWithStringKey
{
    /// <summary>
    /// The caller's voice was heard, not yet long enough to be sure it is speech: an agent that is speaking pauses (its
    /// audio is cleared at the carrier) until <see cref="CallerStartedSpeakingAsync"/> or <see cref="CallerFalseStartAsync"/>.
    /// </summary>
    [Alias("CallerMayBeSpeaking")]
    Task CallerMayBeSpeakingAsync();

    /// <summary>The voice that paused the agent was not speech: the agent goes on, from the first sentence not fully heard.</summary>
    [Alias("CallerFalseStart")]
    Task CallerFalseStartAsync();

    /// <summary>The caller began to speak: if the agent was speaking, the caller has barged in: its speech is cut off and the call listens.</summary>
    [Alias("CallerStartedSpeaking")]
    Task CallerStartedSpeakingAsync();

    /// <summary>
    /// A recognized caller utterance: stored (redacted, labelled with what it meant) and answered by the agent in
    /// the background, sentence by sentence to the call's synthesizer. Returns the caller turn's number at once.
    /// </summary>
    [Alias("Hear")]
    Task<int> HearAsync(NewTurn callerTurn);
}
