namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// One live or finished call, keyed by the carrier's call sid, as the carrier's side (webhooks, media stream) and
/// operators see it. It alone writes the call's state. What the recognizer tells the same grain is
/// <see cref="ICallHearingGrain"/>.
/// </summary>
[Alias("VoiceGrains.ICallGrain")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>Starts the call; a repeated start (a retried webhook) returns the call as it is.</summary>
    [Alias("Start")]
    Task<CallSnapshot> StartAsync(CallStart start);

    /// <summary>
    /// The caller's audio is connected: the agent says its greeting, once per call. On a stream that replaced a moved
    /// one (<see cref="MoveMediaAsync"/>), the agent goes on from the first sentence the caller had not heard.
    /// </summary>
    [Alias("Greet")]
    Task GreetAsync();

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
    /// The carrier ended the call (or its media stream was lost) with this outcome; ending twice keeps the first
    /// outcome. While the agent is moving the caller to a person, the transfer's result decides the outcome.
    /// </summary>
    [Alias("End")]
    Task EndAsync(CallOutcome outcome);

    /// <summary>
    /// A supervisor takes the call: the agent stops and the caller is moved to a person (Calls:TransferNumber) as the
    /// agent's own transfer moves them. False when the call has ended or is already being moved.
    /// </summary>
    [Alias("TakeOver")]
    Task<bool> TakeOverAsync();

    /// <summary>
    /// A new token that lets one media stream attach to this call; it works once, before it expires, and replaces any
    /// earlier one. Null once a stream has been admitted: a call has one media stream, and Twilio's signatures carry no
    /// nonce, so a repeated voice webhook after that is a replay and must not get a way into the live call. (The one
    /// way in for a second stream is <see cref="MoveMediaAsync"/>, whose token only the carrier is given.)
    /// </summary>
    [Alias("IssueMediaToken")]
    Task<string?> IssueMediaTokenAsync(TimeSpan lifetime);

    /// <summary>
    /// True, once, for a token this call issued that has not expired, while no stream has been admitted; false for
    /// anything else.
    /// </summary>
    [Alias("RedeemMediaToken")]
    Task<bool> RedeemMediaTokenAsync(string token);

    /// <summary>
    /// The front end carrying the call's media stream is shutting down: the agent pauses where the caller is, and the
    /// carrier is asked to replace the stream with a new one (through the front ends' public address, so to one that
    /// stays) that joins with a new single-use token valid for <paramref name="lifetime"/>; the call ends as dropped if
    /// none has joined by then. True when the carrier took the request; false for a call that has ended or cannot be
    /// moved (a browser call has no carrier; a carrier that refused), which goes on as it was.
    /// </summary>
    [Alias("MoveMedia")]
    Task<bool> MoveMediaAsync(TimeSpan lifetime);

    /// <summary>Where the call's recording was written (the mixed WAV); also after the call has ended.</summary>
    [Alias("SetRecording")]
    Task SetRecordingAsync(string path);

    /// <summary>The call, or null when no call with this sid was ever started.</summary>
    [Alias("GetSnapshot")]
    Task<CallSnapshot?> GetSnapshotAsync();
}
