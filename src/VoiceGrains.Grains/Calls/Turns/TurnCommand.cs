using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>
/// What the turn-taking decides the call must do. The call grain carries each out, in the order given; none of them
/// decides anything again.
/// </summary>
abstract record TurnCommand
{
    /// <summary>The call's status changed: persist it (the calls row and active_calls show it).</summary>
    public sealed record MoveTo(CallStatus Status) : TurnCommand;

    /// <summary>Speak these sentences after whatever is already queued; each mark goes out once its sentence is spoken.</summary>
    public sealed record Speak(IReadOnlyList<string> Sentences, IReadOnlyList<string> Marks) : TurnCommand;

    /// <summary>Stop the agent's speech at once and have the carrier drop what it still buffers.</summary>
    public sealed record StopSpeaking : TurnCommand;

    /// <summary>Words of the call itself (greeting, silence prompts, apologies): stored as an agent turn, told to the agent, spoken.</summary>
    public sealed record Say(string Text) : TurnCommand;

    /// <summary>Stop producing the reply in progress (its outcome still arrives, marked interrupted).</summary>
    public sealed record CancelReply : TurnCommand;

    /// <summary>Have the agent answer this caller line (after any reply still finishing).</summary>
    public sealed record Answer(CallerLine Line) : TurnCommand;

    /// <summary>Keys the caller entered (ended by # or a pause): heard as one caller line.</summary>
    public sealed record HearKeys(string Digits) : TurnCommand;

    /// <summary>Store reply <paramref name="Reply"/> as an agent turn with this text; an interrupted one is also all the agent remembers saying.</summary>
    public sealed record StoreReply(int Reply, string Text, FinishedReply Finished) : TurnCommand;

    /// <summary>The caller barged in over a stored reply: its turn, and the agent's memory, keep only <paramref name="HeardText"/>.</summary>
    public sealed record CutReply(int Reply, string HeardText) : TurnCommand;

    /// <summary>Move the caller to a person now (they have heard the agent's last words); the result comes back as an event.</summary>
    public sealed record Transfer : TurnCommand;

    /// <summary>End the call with this outcome: close the media stream, write the summary, tell the customer.</summary>
    public sealed record End(CallOutcome Outcome) : TurnCommand;
}
