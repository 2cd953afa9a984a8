namespace VoiceGrains.Contracts.Calls;

/// <summary>One live or finished call, keyed by the carrier's call sid. It alone writes the call's state.</summary>
[Alias("VoiceGrains.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>Starts the call; a repeated start (a retried webhook) returns the call as it is.</summary>
    [Alias("Start")]
    Task<CallSnapshot> StartAsync(CallStart start);

    /// <summary>Moves the call along its lifecycle; an impossible move throws <see cref="InvalidCallTransitionException"/>.</summary>
    [Alias("MoveTo")]
    Task MoveToAsync(CallStatus status);

    /// <summary>Appends a turn and returns its sequence number.</summary>
    [Alias("AppendTurn")]
    Task<int> AppendTurnAsync(NewTurn turn);

    /// <summary>The caller's audio is connected: the agent says its greeting, once per call.</summary>
    [Alias("Greet")]
    Task GreetAsync();

    /// <summary>
    /// A recognized caller utterance: stored (redacted, labelled with what it meant) and answered by the agent in
    /// the background, sentence by sentence to the call's synthesizer. Returns the caller turn's number at once.
    /// </summary>
    [Alias("Hear")]
    Task<int> HearAsync(NewTurn callerTurn);

    /// <summary>
    /// A key the caller pressed (0-9, * or #). Keys collect until # or a short pause and are then heard as one
    /// caller turn, so a number can be keyed where one is expected (order number, rating); * starts over.
    /// </summary>
    [Alias("Press")]
    Task PressAsync(string digit);

    /// <summary>
    /// The carrier echoed a mark: the caller has heard the sentence before it. When the agent's whole reply has
    /// been heard the call listens again; a barge-in keeps only the heard sentences in the transcript.
    /// </summary>
    [Alias("Heard")]
    Task HeardAsync(string mark);

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

    /// <summary>Ends the call with an outcome (completed, dropped, transferred…); ending twice keeps the first outcome.</summary>
    [Alias("End")]
    Task EndAsync(string outcome);

    /// <summary>The carrier could not move an ended call to a person: its outcome becomes transfer_failed.</summary>
    [Alias("TransferFailed")]
    Task TransferFailedAsync(string reason);

    /// <summary>A new token that lets one media stream attach to this call; it works once, before it expires.</summary>
    [Alias("IssueMediaToken")]
    Task<string> IssueMediaTokenAsync(TimeSpan lifetime);

    /// <summary>True, once, for a token this call issued that has not expired; false for anything else.</summary>
    [Alias("RedeemMediaToken")]
    Task<bool> RedeemMediaTokenAsync(string token);

    /// <summary>Where the call's recording was written (the mixed WAV); also after the call has ended.</summary>
    [Alias("SetRecording")]
    Task SetRecordingAsync(string path);

    /// <summary>The call, or null when no call with this sid was ever started.</summary>
    [Alias("GetSnapshot")]
    Task<CallSnapshot?> GetSnapshotAsync();
}
