using System.Text;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation;
using VoiceGrains.Conversation.Understanding;

namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>
/// Who speaks when, for one call: a plain state machine (no Orleans, no I/O). Events come in — the caller's voice
/// starting, a false start (a cough), speech, a recognised line, a key, a mark the carrier echoed once the caller had
/// heard a sentence, the agent's sentences and the end of its reply, a deadline — and commands come out for the call
/// grain to carry out (<see cref="TurnCommand"/>). Time comes from a <see cref="TimeProvider"/>; the grain keeps one
/// timer for <see cref="NextDeadline"/>.
/// <para>
/// Barge-in is three steps. The caller's first voice (64 ms) pauses a speaking agent at once (the carrier clears its
/// buffer). If it was not speech (a false start), or the VAD never says (its grain was lost with a silo:
/// <see cref="UnresolvedPause"/>), the agent goes on from the first sentence the caller did not fully hear. If it is
/// speech, its words decide: an acknowledgement ("uh-huh", "okay", "right": <see cref="Backchannel"/>) lets the agent
/// go on the same way; anything else cuts the reply — what the carrier says was heard is all that is stored and
/// remembered — and is answered. Speech whose words have not come within <see cref="WordsWait"/> is longer than any
/// acknowledgement, and cuts the reply then.
/// </para>
/// <para>
/// A reply ends the call, or moves the caller to a person, only once the caller has heard it: when the carrier has
/// echoed its last mark, or when the reply must have been played (its spoken length plus <see cref="MarkGrace"/>) if
/// marks never come back.
/// </para>
/// <para>
/// A media stream that moves (its front end is going away) pauses the agent like a voice does, but nothing resumes it
/// until the new stream is connected, when the agent goes on from the first sentence not heard; nor is the silence
/// counted meanwhile. A stream that does not come by its deadline ends the call as dropped.
/// </para>
/// </summary>
sealed class TurnTaking(CallOptions options, TimeProvider time, CallStatus status)
{
    public const string StillThere = "Are you still there? I'm here whenever you're ready.";
    public const string NoAnswerGoodbye = "It seems we've lost each other. Thanks for calling, goodbye.";
    public const string TransferApology = "I'm sorry, I couldn't put you through to a person just now. Please call us back a little later. Goodbye.";

    /// <summary>Marks echoed after this long beyond the reply's spoken length are no longer waited for.</summary>
    public static readonly TimeSpan MarkGrace = TimeSpan.FromSeconds(2);

    /// <summary>Far longer than the VAD takes to call a voice speech or a false start (250 ms of it).</summary>
    public static readonly TimeSpan UnresolvedPause = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long after speech starts over the agent its words may take: an acknowledgement lasts well under a second, then
    /// the end-of-turn silence (250 ms) and recognition (p95 815 ms at 8 calls with tiny's encoder, BENCHMARKS.md).
    /// </summary>
    public static readonly TimeSpan WordsWait = TimeSpan.FromSeconds(2.5);

    readonly StringBuilder keypad = new();
    ReplyInProgress? reply;
    int replies;
    int silencePrompts;
    bool transferring;
    CallOutcome? endedWhileTransferring;
    DateTimeOffset? pauseEnds, replyHeard, keypadEntered, silenceEnds, apologyHeard, mediaBack;

    public CallStatus Status { get; private set; } = status;

    /// <summary>When <see cref="DeadlineReached"/> is next due; null when nothing is waited for.</summary>
    public DateTimeOffset? NextDeadline =>
        new[] { pauseEnds, replyHeard, keypadEntered, silenceEnds, apologyHeard, mediaBack }.Min();

    /// <summary>
    /// Whether the call's media stream may move now: not once the call has ended, nor while the carrier moves the
    /// caller to a person (a new stream would undo that).
    /// </summary>
    public bool CanMoveMedia => Status != CallStatus.Ended && !transferring;

    /// <summary>The caller's audio is connected: the greeting, then silence is counted once it has been heard.</summary>
    public IReadOnlyList<TurnCommand> Greet(string greeting)
    {
        var commands = new List<TurnCommand>();
        if (Status == CallStatus.Ended)
        {
            return commands;
        }
        MoveTo(CallStatus.Greeting, commands);
        commands.Add(new TurnCommand.Say(greeting));
        AwaitCaller(SpokenDuration.Of(greeting));
        return commands;
    }

    /// <summary>The caller's voice, not yet long enough to be sure it is speech: a speaking agent pauses.</summary>
    public IReadOnlyList<TurnCommand> VoiceOnset()
    {
        if (Status != CallStatus.Speaking || reply is not { Paused: false, Cut: false } current)
        {
            return [];
        }
        current.Paused = true;
        replyHeard = null;
        pauseEnds = time.GetUtcNow() + UnresolvedPause;
        return [new TurnCommand.StopSpeaking()];
    }

    /// <summary>
    /// The call's media stream is moving to another front end: a speaking agent pauses, and the new stream must be
    /// connected within <paramref name="wait"/>.
    /// </summary>
    public IReadOnlyList<TurnCommand> MediaMoved(TimeSpan wait)
    {
        if (Status == CallStatus.Ended)
        {
            return [];
        }
        mediaBack = time.GetUtcNow() + wait;
        pauseEnds = replyHeard = silenceEnds = null;
        if (reply is { Cut: false } current)
        {
            current.AwaitingWords = false;
            if (!current.Paused)
            {
                current.Paused = true;
                return [new TurnCommand.StopSpeaking()];
            }
        }
        return [];
    }

    /// <summary>The moved media stream is connected: a paused reply goes on from the first sentence not heard.</summary>
    public IReadOnlyList<TurnCommand> MediaBack()
    {
        if (mediaBack is null || Status == CallStatus.Ended)
        {
            return [];
        }
        mediaBack = null;
        if (reply is { Paused: true, Cut: false } held)
        {
            if (Status == CallStatus.Speaking)
            {
                return FalseStart();
            }
            // Still thinking (no sentence yet): what it says next is spoken.
            held.Paused = false;
        }
        if (Status is CallStatus.Listening or CallStatus.Greeting)
        {
            AwaitCaller(TimeSpan.Zero);
        }
        return [];
    }

    /// <summary>The voice that paused the agent was not speech: it goes on from the first sentence not fully heard.</summary>
    public IReadOnlyList<TurnCommand> FalseStart()
    {
        if (Status != CallStatus.Speaking || mediaBack is not null || reply is not { Paused: true, Cut: false } current)
        {
            return [];
        }
        current.Paused = false;
        current.AwaitingWords = false;
        pauseEnds = null;
        var commands = new List<TurnCommand>();
        var rest = current.Sentences.Skip(current.Heard).ToList();
        if (rest.Count > 0)
        {
            commands.Add(new TurnCommand.Speak(rest.Select(s => s.Text).ToList(), rest.Select(s => s.Mark).ToList()));
        }
        if (current.Produced)
        {
            FinishOnceHeard(current, string.Join(" ", rest.Select(s => s.Text)), commands);
        }
        return commands;
    }

    /// <summary>The caller is speaking: over a speaking agent, the agent stays paused until the words say whether to go on.</summary>
    public IReadOnlyList<TurnCommand> SpeechStarted()
    {
        var commands = new List<TurnCommand>();
        if (Status != CallStatus.Speaking || reply is not { Cut: false } current)
        {
            BargeIn(commands);
            return commands;
        }
        if (!current.Paused)
        {
            current.Paused = true;
            replyHeard = null;
            commands.Add(new TurnCommand.StopSpeaking());
        }
        current.AwaitingWords = true;
        pauseEnds = time.GetUtcNow() + WordsWait;
        return commands;
    }

    /// <summary>
    /// A line the caller said (already stored by the call): the agent answers it, unless it only acknowledged a reply the
    /// agent was speaking, which then goes on.
    /// </summary>
    public IReadOnlyList<TurnCommand> LineRecognised(CallerLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (Status == CallStatus.Ended || transferring)
        {
            return [];
        }
        CallerActive();
        var commands = new List<TurnCommand>();
        if (Status == CallStatus.Speaking && reply is { AwaitingWords: true, Cut: false })
        {
            if (!line.Keyed && Backchannel.Is(line.Text))
            {
                return FalseStart();
            }
            BargeIn(commands);
        }
        // A reply still being produced is superseded by the newer line; it ends as interrupted.
        if (commands.Count == 0)
        {
            commands.Add(new TurnCommand.CancelReply());
        }
        commands.Add(new TurnCommand.Answer(line));
        return commands;
    }

    /// <summary>
    /// A key pressed on the phone (0-9, * or #): it interrupts like a voice; digits collect until # or a pause and are
    /// then heard as one caller line; * starts over.
    /// </summary>
    public IReadOnlyList<TurnCommand> KeyPressed(char key)
    {
        var commands = new List<TurnCommand>();
        if (Status == CallStatus.Ended)
        {
            return commands;
        }
        CallerActive();
        BargeIn(commands);
        keypadEntered = null;
        switch (key)
        {
            case '#':
                EnterKeys(commands);
                break;
            case '*':
                keypad.Clear();
                break;
            default:
                keypad.Append(key);
                keypadEntered = time.GetUtcNow() + options.KeypadPause;
                break;
        }
        return commands;
    }

    /// <summary>The reply whose first sentence is followed by <paramref name="mark"/>, or null: its first audio times the turn.</summary>
    public int? ReplyOpenedBy(string mark) =>
        reply is { Sentences: [var first, ..] } current && first.Mark == mark ? current.Number : null;

    /// <summary>The carrier echoed a mark: the caller has heard the sentence before it.</summary>
    public IReadOnlyList<TurnCommand> MarkHeard(string mark)
    {
        if (reply is not { Cut: false } current || current.Sentences.FindIndex(s => s.Mark == mark) is var index && index < 0)
        {
            return [];
        }
        current.Heard = Math.Max(current.Heard, index + 1);
        var commands = new List<TurnCommand>();
        if (current.Produced && current.Heard == current.Sentences.Count)
        {
            FinishSpeaking(commands);
        }
        return commands;
    }

    /// <summary>The agent begins its reply to the next caller line (replies run one after another).</summary>
    public IReadOnlyList<TurnCommand> ReplyStarted()
    {
        var commands = new List<TurnCommand>();
        if (Status == CallStatus.Ended)
        {
            return commands;
        }
        // While the media stream moves, its sentences wait for the new one.
        reply = new ReplyInProgress(++replies) { Paused = mediaBack is not null };
        pauseEnds = replyHeard = null;
        MoveTo(CallStatus.Thinking, commands);
        return commands;
    }

    /// <summary>The agent finished a sentence: it is spoken at once, with a mark after it, unless the caller paused the agent.</summary>
    public IReadOnlyList<TurnCommand> SentenceProduced(string sentence)
    {
        var commands = new List<TurnCommand>();
        if (Status == CallStatus.Ended || reply is not { Cut: false, Produced: false } current)
        {
            return commands;
        }
        var mark = $"reply{current.Number}-{current.Sentences.Count}";
        current.Sentences.Add((mark, sentence));
        if (!current.Paused)
        {
            commands.Add(new TurnCommand.Speak([sentence], [mark]));
        }
        if (current.Sentences.Count == 1)
        {
            // After the first sentence is on its way: the status write is not on the caller's wait.
            MoveTo(CallStatus.Speaking, commands);
        }
        return commands;
    }

    /// <summary>
    /// The agent's reply is complete (or was cut off): it is stored as what the caller heard, and once all of it has
    /// been heard the call listens again, ends, or moves the caller to a person.
    /// </summary>
    public IReadOnlyList<TurnCommand> ReplyFinished(FinishedReply finished)
    {
        var commands = new List<TurnCommand>();
        if (reply is not { } current || Status == CallStatus.Ended && current.Sentences.Count == 0)
        {
            return commands;
        }
        // Cut by a barge-in that came after the agent had already produced everything: still interrupted.
        var interrupted = finished.Interrupted || current.Cut;
        var said = interrupted ? current.HeardText : current.Text;
        if (said.Length > 0 || interrupted)
        {
            current.Stored = true;
            commands.Add(new TurnCommand.StoreReply(current.Number, said, finished with { Interrupted = interrupted }));
        }
        current.Produced = true;
        current.Decision = finished.Decision;
        if (Status == CallStatus.Ended || interrupted)
        {
            // The caller spoke over it: the call listens (the barge-in or the newer line has seen to that), and a
            // goodbye or a transfer it carried waits for the agent's next reply.
            return commands;
        }
        if (current.Sentences.Count > 0)
        {
            if (!current.Paused)
            {
                FinishOnceHeard(current, said, commands);
            }
        }
        else if (current.Decision != ReplyDecision.None)
        {
            CarryOut(current.Decision, commands);
        }
        else
        {
            MoveTo(CallStatus.Listening, commands);
            AwaitCaller(TimeSpan.Zero);
        }
        return commands;
    }

    /// <summary>
    /// A supervisor takes the call over: the agent stops at once (a reply it is speaking is cut to what was heard, as by
    /// a barge-in; one it is still producing is cancelled unspoken) and the carrier moves the caller to a person by the
    /// path the agent's own transfer takes. Nothing is said first: the supervisor decided, not the conversation.
    /// </summary>
    public IReadOnlyList<TurnCommand> TakeOver()
    {
        var commands = new List<TurnCommand>();
        if (Status == CallStatus.Ended || transferring)
        {
            return commands;
        }
        if (Status == CallStatus.Speaking)
        {
            BargeIn(commands);
        }
        else
        {
            if (reply is { Produced: false, Cut: false } producing)
            {
                producing.Cut = true;
                commands.Add(new TurnCommand.CancelReply());
            }
            commands.Add(new TurnCommand.StopSpeaking());
        }
        keypad.Clear();
        pauseEnds = replyHeard = keypadEntered = silenceEnds = null;
        transferring = true;
        commands.Add(new TurnCommand.Transfer());
        return commands;
    }

    /// <summary>The carrier moved the caller to a person.</summary>
    public IReadOnlyList<TurnCommand> TransferSucceeded()
    {
        transferring = false;
        return EndNow(CallOutcome.Transferred);
    }

    /// <summary>
    /// The caller could not be moved to a person: they hear an apology and the call ends as transfer_failed once it
    /// has been heard (or at once, if the carrier already ended the call meanwhile).
    /// </summary>
    public IReadOnlyList<TurnCommand> TransferFailed()
    {
        transferring = false;
        if (endedWhileTransferring is not null)
        {
            return EndNow(CallOutcome.TransferFailed);
        }
        if (Status == CallStatus.Ended)
        {
            return [];
        }
        apologyHeard = time.GetUtcNow() + SpokenDuration.Of(TransferApology);
        return [new TurnCommand.Say(TransferApology)];
    }

    /// <summary>
    /// The carrier or the media stream ended the call. While a transfer is in flight the call waits for its result, so
    /// the outcome says whether the caller reached a person.
    /// </summary>
    public IReadOnlyList<TurnCommand> CallEnded(CallOutcome outcome)
    {
        if (Status == CallStatus.Ended)
        {
            return [];
        }
        if (transferring)
        {
            endedWhileTransferring = outcome;
            return [];
        }
        return EndNow(outcome);
    }

    /// <summary>Time has passed: whatever was due by now happens, in a fixed order.</summary>
    public IReadOnlyList<TurnCommand> DeadlineReached()
    {
        var now = time.GetUtcNow();
        var commands = new List<TurnCommand>();
        if (pauseEnds <= now)
        {
            pauseEnds = null;
            if (reply is { AwaitingWords: true })
            {
                // Speech too long to be an acknowledgement: it cuts the reply, and its words are answered when they come.
                BargeIn(commands);
            }
            else
            {
                // A pause nobody resolved ends as a false start rather than leaving the caller in silence.
                commands.AddRange(FalseStart());
            }
        }
        if (replyHeard <= now)
        {
            FinishSpeaking(commands);
        }
        if (keypadEntered <= now)
        {
            EnterKeys(commands);
        }
        if (apologyHeard <= now)
        {
            commands.AddRange(EndNow(CallOutcome.TransferFailed));
        }
        if (silenceEnds <= now)
        {
            Silence(commands);
        }
        if (mediaBack <= now)
        {
            commands.AddRange(EndNow(CallOutcome.Dropped));
        }
        return commands;
    }

    void BargeIn(List<TurnCommand> commands)
    {
        if (Status != CallStatus.Speaking)
        {
            return;
        }
        commands.Add(new TurnCommand.CancelReply());
        MoveTo(CallStatus.Listening, commands);
        pauseEnds = replyHeard = null;
        if (reply is not { } current)
        {
            commands.Add(new TurnCommand.StopSpeaking());
            return;
        }
        if (!current.Paused)
        {
            commands.Add(new TurnCommand.StopSpeaking());
        }
        current.Cut = true;
        current.AwaitingWords = false;
        if (current.Stored && current.Heard < current.Sentences.Count)
        {
            commands.Add(new TurnCommand.CutReply(current.Number, current.HeardText));
        }
    }

    void FinishOnceHeard(ReplyInProgress current, string stillToPlay, List<TurnCommand> commands)
    {
        replyHeard = time.GetUtcNow() + SpokenDuration.Of(stillToPlay) + MarkGrace;
        if (current.Heard == current.Sentences.Count)
        {
            FinishSpeaking(commands);
        }
    }

    void FinishSpeaking(List<TurnCommand> commands)
    {
        replyHeard = null;
        if (reply is { Decision: not ReplyDecision.None } current)
        {
            CarryOut(current.Decision, commands);
        }
        else if (Status == CallStatus.Speaking)
        {
            MoveTo(CallStatus.Listening, commands);
            AwaitCaller(TimeSpan.Zero);
        }
    }

    void CarryOut(ReplyDecision decision, List<TurnCommand> commands)
    {
        if (decision == ReplyDecision.EndCall)
        {
            commands.AddRange(EndNow(CallOutcome.Completed));
        }
        else if (!transferring && Status != CallStatus.Ended)
        {
            transferring = true;
            commands.Add(new TurnCommand.Transfer());
        }
    }

    void EnterKeys(List<TurnCommand> commands)
    {
        keypadEntered = null;
        if (keypad.Length == 0 || Status == CallStatus.Ended)
        {
            return;
        }
        commands.Add(new TurnCommand.HearKeys(keypad.ToString()));
        keypad.Clear();
    }

    /// <summary>The first silence is asked about, the second gets a goodbye, and after that the call ends.</summary>
    void Silence(List<TurnCommand> commands)
    {
        silenceEnds = null;
        if (Status is not (CallStatus.Listening or CallStatus.Greeting))
        {
            return;
        }
        switch (++silencePrompts)
        {
            case 1:
                commands.Add(new TurnCommand.Say(StillThere));
                AwaitCaller(SpokenDuration.Of(StillThere));
                break;
            case 2:
                commands.Add(new TurnCommand.Say(NoAnswerGoodbye));
                silenceEnds = time.GetUtcNow() + SpokenDuration.Of(NoAnswerGoodbye);
                break;
            default:
                commands.AddRange(EndNow(CallOutcome.NoAnswer));
                break;
        }
    }

    /// <summary>
    /// Silence is counted once the caller has heard what is still playing (<paramref name="playing"/>); not while the
    /// media stream moves (the caller cannot be heard then).
    /// </summary>
    void AwaitCaller(TimeSpan playing) => silenceEnds = mediaBack is null ? time.GetUtcNow() + playing + options.SilencePrompt : null;

    void CallerActive()
    {
        silenceEnds = null;
        silencePrompts = 0;
    }

    List<TurnCommand> EndNow(CallOutcome outcome)
    {
        if (Status == CallStatus.Ended)
        {
            return [];
        }
        Status = CallStatus.Ended;
        pauseEnds = replyHeard = keypadEntered = silenceEnds = apologyHeard = mediaBack = null;
        return [new TurnCommand.CancelReply(), new TurnCommand.End(outcome)];
    }

    void MoveTo(CallStatus next, List<TurnCommand> commands)
    {
        if (Status != next && Status != CallStatus.Ended)
        {
            Status = next;
            commands.Add(new TurnCommand.MoveTo(next));
        }
    }
}
