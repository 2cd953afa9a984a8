using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;
using VoiceGrains.Conversation;
using VoiceGrains.Data;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Customers;
using VoiceGrains.Grains.Calls.Turns;
using VoiceGrains.Telephony;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// Owns one call: the adapter around its <see cref="TurnTaking"/>. Every message from the carrier's side, the
/// recognizer and the agent becomes an event of that state machine, and the grain carries out the commands it returns
/// (<see cref="ExecuteAsync"/>): it persists, speaks through the call's synthesizer, runs the agent, moves the caller
/// through the call-control port, and keeps one grain timer for the machine's next deadline.
/// <para>
/// Every change is written to the grain's own state first, then through to the calls and call_turns tables, whose
/// writes are idempotent; activation replays them, so a silo that dies between the two writes loses nothing.
/// Calls are placed at random: Orleans' resource-optimised default piled nearly every call onto the newest silo (29 of
/// 30, measured), so one silo's death would drop almost every call. Even spread halves that.
/// Both writes wait out a database restart (<see cref="DatabaseRetry"/>).
/// An idle activation is collected after 5 minutes (Orleans' default is 15): a live call hears from its caller's side
/// far more often (voice, marks) and a pending deadline's timer keeps it, an ended call's grain deactivates once it is
/// wrapped up, and a read of an old call should not hold memory for long.
/// </para>
/// <para>
/// Interleaving. The agent's reply runs in the background of the grain (<see cref="RespondAsync"/>, awaited by no
/// message), so that a barge-in can cut it off: at each of its awaits the grain's other messages run. What holds:
/// (1) an event is applied to the machine in one synchronous step, so no message sees it half-changed;
/// (2) replies are chained (<see cref="answering"/>), so the machine's reply in progress is the one producing;
/// (3) commands are carried out in order, each even if a later event has changed the machine meanwhile (a sentence
/// already on its way to the synthesizer is spoken before a stop sent after it reaches it; the machine never sends
/// one for a reply already cut);
/// (4) a stored reply's turn number is recorded before its first await, so a cut that interleaves finds it;
/// (5) while a transfer is in flight, an end from the carrier waits for its result (the machine holds it).
/// </para>
/// </summary>
[Orleans.Placement.RandomPlacement]
[CollectionAgeLimit(Minutes = 5)]
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Calls)] IPersistentState<CallState> state,
    CallRepository calls,
    CustomerRepository customers,
    ConversationAgentFactory agents,
    ICallControl carrier,
    IOptions<CallOptions> options,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain, ICallHearingGrain, ICallVoiceGrain, IDisposable
{
    TurnTaking turns = null!;
    Task<ConversationAgent>? agent;
    CancellationTokenSource? replying;
    /// <summary>The reply being produced; the next one starts after it.</summary>
    Task answering = Task.CompletedTask;
    /// <summary>The latest reply stored as a turn, and its turn number (a barge-in may cut that turn).</summary>
    (int Reply, int Seq)? storedReply;
    /// <summary>When the latest reply's first audio went out, and how long its synthesis took (the synthesizer reports it).</summary>
    (int Reply, DateTimeOffset At, int SynthesisMs)? firstAudio;
    IGrainTimer? deadlineTimer;
    /// <summary>A turn in the grain's state could not be written to call_turns; the next write sends them all.</summary>
    bool turnsTableBehind;
    DateTimeOffset? deadlineAt;
    LiveCallFeed? live;

    string CallSid => this.GetPrimaryKeyString();

    ISynthesizerGrain Synthesizer => GrainFactory.GetGrain<ISynthesizerGrain>(CallSid);

    LiveCallFeed Live => live ??= LiveCallFeed.For(this.GetStreamProvider(StreamNames.LiveProvider), logger);

    /// <summary>The call's agent if it has been made; null before (nothing it should remember has been said to it yet).</summary>
    ConversationAgent? MadeAgent => agent is { IsCompletedSuccessfully: true } made ? made.Result : null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        turns = new TurnTaking(options.Value, time, state.State.Status);
        if (state.State.Started)
        {
            await calls.SaveCallAsync(Snapshot(), cancellationToken);
            await calls.SaveTurnsAsync(CallSid, state.State.Turns, cancellationToken);
        }
    }

    public async Task<CallSnapshot> StartAsync(CallStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentException.ThrowIfNullOrWhiteSpace(start.From);
        ArgumentException.ThrowIfNullOrWhiteSpace(start.To);
        if (state.State.Started)
        {
            return Snapshot();
        }

        var customerNumber = start.Direction == CallDirection.Inbound ? start.From : start.To;
        var customerId = start.CustomerId ?? (PhoneNumber.IsE164(customerNumber)
            ? await customers.FindOrCreateByPhoneAsync(customerNumber, CancellationToken.None)
            : null);

        var call = state.State;
        call.Started = true;
        call.Direction = start.Direction;
        call.From = start.From;
        call.To = start.To;
        call.CustomerId = customerId;
        call.Purpose = start.Purpose;
        call.Channel = start.Channel;
        call.SurveyId = start.SurveyId;
        call.Status = CallStatus.Ringing;
        call.StartedAt = time.GetUtcNow();
        await SaveStateAsync();
        await SaveCallRowAsync();
        await TellCustomerAsync(null);
        Log.CallStarted(logger, CallSid, start.Direction, customerId);
        return Snapshot();
    }

    public async Task GreetAsync()
    {
        RequireStarted();
        if (turns.Status == CallStatus.Ended)
        {
            return;
        }
        if (state.State.Greeted)
        {
            // A stream that replaced a moved one: the agent goes on where the caller was.
            await ExecuteAsync(turns.MediaBack());
            return;
        }
        var conversation = await AgentAsync();
        state.State.Greeted = true;
        await ExecuteAsync(turns.Greet(conversation.Greeting));
    }

    public Task<int> HearAsync(NewTurn callerTurn) => HearAsync(callerTurn, keyed: false);

    async Task<int> HearAsync(NewTurn callerTurn, bool keyed)
    {
        ArgumentNullException.ThrowIfNull(callerTurn);
        ArgumentNullException.ThrowIfNull(callerTurn.Text);
        RequireStarted();
        if (turns.Status == CallStatus.Ended)
        {
            throw new InvalidCallTransitionException($"Call {CallSid} has ended; no more turns.");
        }

        // Transcripts keep no card numbers: what is stored, and what the agent sees, is the redacted line. The turn is
        // stored even when no agent can be made (no business set up): the caller's words are never lost.
        var text = SensitiveText.Redact(callerTurn.Text);
        ConversationAgent? conversation = null;
        try
        {
            conversation = await AgentAsync();
        }
        catch (Data.DatabaseSetupException e)
        {
            Log.ReplyFailed(logger, e, CallSid);
        }
        var turn = new CallTurn(state.State.Turns.Count, Speaker.Caller, text, callerTurn.StartedAt, callerTurn.EndedAt,
            callerTurn.Latency ?? new TurnLatency(), conversation?.Understand(text));
        await StoreAsync(turn);
        var commands = turns.LineRecognised(new CallerLine(text, turn.Seq, callerTurn.EndedAt ?? time.GetUtcNow(), keyed));
        if (commands.Count > 0 && !commands.Any(c => c is TurnCommand.Answer))
        {
            Log.Acknowledged(logger, CallSid);
        }
        await ExecuteAsync(commands);
        return turn.Seq;
    }

    public async Task PressAsync(string digit)
    {
        ArgumentNullException.ThrowIfNull(digit);
        if (digit is not [var key] || !(char.IsAsciiDigit(key) || key is '*' or '#'))
        {
            throw new ArgumentException($"'{digit}' is not a telephone key (0-9, * or #).", nameof(digit));
        }
        RequireStarted();
        await ExecuteAsync(turns.KeyPressed(key));
    }

    public async Task HeardAsync(string mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        await ExecuteAsync(turns.MarkHeard(mark));
    }

    public async Task CallerMayBeSpeakingAsync()
    {
        RequireStarted();
        await ExecuteAsync(turns.VoiceOnset());
    }

    public async Task CallerFalseStartAsync()
    {
        RequireStarted();
        var commands = turns.FalseStart();
        if (commands.Count > 0)
        {
            Log.FalseStart(logger, CallSid);
        }
        await ExecuteAsync(commands);
    }

    public async Task CallerStartedSpeakingAsync()
    {
        RequireStarted();
        var commands = turns.SpeechStarted();
        if (commands.Count > 0)
        {
            Log.SpeakingOver(logger, CallSid);
        }
        await ExecuteAsync(commands);
    }

    public async Task SentenceAudibleAsync(string mark, DateTimeOffset at, int synthesisMs)
    {
        ArgumentNullException.ThrowIfNull(mark);
        if (turns.ReplyOpenedBy(mark) is not { } reply || firstAudio?.Reply == reply)
        {
            return;
        }
        firstAudio = (reply, at, synthesisMs);
        // Usually the agent has finished its reply before the first audio is out: the stored turn gets its times now.
        if (storedReply is var (stored, seq) && stored == reply)
        {
            await ReviseTurnAsync(seq, turn => turn with { Latency = WithFirstAudio(turn.Latency, turn.StartedAt) });
        }
    }

    /// <summary>The time to the reply's first audio: from the synthesizer's start, and from the end of the caller's voice.</summary>
    TurnLatency WithFirstAudio(TurnLatency latency, DateTimeOffset callerVoiceEnded) => firstAudio is var (_, at, synthesisMs)
        ? latency with { TextToSpeechFirstAudioMs = synthesisMs, VoiceToVoiceMs = (int)Math.Max(0, (at - callerVoiceEnded).TotalMilliseconds) }
        : latency;

    public async Task EndAsync(CallOutcome outcome)
    {
        RequireStarted();
        await ExecuteAsync(turns.CallEnded(outcome));
    }

    public async Task<string?> IssueMediaTokenAsync(TimeSpan lifetime)
    {
        RequireStarted();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        if (turns.Status == CallStatus.Ended)
        {
            throw new InvalidCallTransitionException($"Call {CallSid} has ended; no media stream can join it.");
        }
        if (state.State.MediaAdmitted)
        {
            Log.TokenRefused(logger, CallSid);
            return null;
        }

        return await NewMediaTokenAsync(lifetime);
    }

    public async Task<bool> MoveMediaAsync(TimeSpan lifetime)
    {
        RequireStarted();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        var call = state.State;
        if (!turns.CanMoveMedia || call.Channel == CallChannel.Browser || !call.MediaAdmitted)
        {
            return false;
        }
        // The stream stays admitted meanwhile, so a replayed voice webhook still gets no token: only the carrier,
        // asked below, learns this one.
        call.MediaMoving = true;
        var token = await NewMediaTokenAsync(lifetime);
        await ExecuteAsync(turns.MediaMoved(lifetime));
        try
        {
            await carrier.ReconnectMediaAsync(CallSid, token, CancellationToken.None);
        }
        catch (CallControlException e)
        {
            Log.MediaNotMoved(logger, CallSid, e.Message);
            call.MediaMoving = false;
            call.MediaTokenHash = null;
            call.MediaTokenExpires = null;
            await SaveStateAsync();
            await ExecuteAsync(turns.MediaBack());
            return false;
        }
        Log.MediaMoving(logger, CallSid);
        return true;
    }

    async Task<string> NewMediaTokenAsync(TimeSpan lifetime)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        state.State.MediaTokenHash = Hash(token);
        state.State.MediaTokenExpires = time.GetUtcNow() + lifetime;
        await SaveStateAsync();
        return token;
    }

    public async Task<bool> RedeemMediaTokenAsync(string token)
    {
        var call = state.State;
        if (string.IsNullOrEmpty(token) || call.MediaTokenHash is null || call.MediaAdmitted && !call.MediaMoving || turns.Status == CallStatus.Ended
            || time.GetUtcNow() > call.MediaTokenExpires
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(call.MediaTokenHash), Convert.FromHexString(Hash(token))))
        {
            return false;
        }

        call.MediaTokenHash = null;
        call.MediaTokenExpires = null;
        call.MediaAdmitted = true;
        call.MediaMoving = false;
        await SaveStateAsync();
        return true;
    }

    public async Task SetRecordingAsync(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RequireStarted();
        state.State.RecordingPath = path;
        await SaveStateAsync();
        await calls.SaveCallAsync(Snapshot(), CancellationToken.None);
    }

    public async Task<bool> TakeOverAsync()
    {
        RequireStarted();
        var commands = turns.TakeOver();
        Log.TakenOver(logger, CallSid, commands.Count > 0);
        await ExecuteAsync(commands);
        return commands.Count > 0;
    }

    public Task<CallSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(state.State.Started ? Snapshot() : null);

    /// <summary>Carries out the turn-taking's commands in order, then sets the timer for its next deadline.</summary>
    async Task ExecuteAsync(IReadOnlyList<TurnCommand> commands)
    {
        foreach (var command in commands)
        {
            switch (command)
            {
                case TurnCommand.MoveTo(var status):
                    state.State.Status = status;
                    await SaveStateAsync();
                    await SaveCallRowAsync();
                    break;
                case TurnCommand.Speak speak:
                    await Synthesizer.SpeakAsync(speak.Sentences, speak.Marks);
                    break;
                case TurnCommand.StopSpeaking:
                    await Synthesizer.StopAsync();
                    break;
                case TurnCommand.Say(var text):
                    await SayAsync(text);
                    break;
                case TurnCommand.CancelReply:
                    replying?.Cancel();
                    break;
                case TurnCommand.Answer(var line):
                    var cancellation = replying = new CancellationTokenSource();
                    answering = RespondAsync(answering, line, cancellation.Token);
                    break;
                case TurnCommand.HearKeys(var digits):
                    var now = time.GetUtcNow();
                    await HearAsync(new NewTurn(Speaker.Caller, digits, now, now), keyed: true);
                    break;
                case TurnCommand.StoreReply store:
                    await StoreReplyAsync(store);
                    break;
                case TurnCommand.CutReply cut:
                    await CutReplyAsync(cut);
                    break;
                case TurnCommand.Transfer:
                    await TransferAsync();
                    break;
                case TurnCommand.End(var outcome):
                    await EndCallAsync(outcome);
                    break;
            }
        }
        ScheduleDeadline();
    }

    /// <summary>One grain timer, always for the machine's next deadline; an early tick finds nothing due and sets it again.</summary>
    void ScheduleDeadline()
    {
        var next = turns.NextDeadline;
        if (next == deadlineAt)
        {
            return;
        }
        deadlineTimer?.Dispose();
        deadlineTimer = null;
        deadlineAt = next;
        if (next is { } at)
        {
            var due = at - time.GetUtcNow();
            // A pending deadline means a live call: it keeps the grain from being collected while its caller is quiet.
            deadlineTimer = this.RegisterGrainTimer(OnDeadlineAsync,
                new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
    }

    async Task OnDeadlineAsync()
    {
        deadlineAt = null;
        await ExecuteAsync(turns.DeadlineReached());
    }

    /// <summary>Answers one caller line; never throws, since nobody awaits it but the next reply.</summary>
    async Task RespondAsync(Task previous, CallerLine line, CancellationToken cancellationToken)
    {
        await previous;
        try
        {
            await ExecuteAsync(turns.ReplyStarted());
            if (turns.Status == CallStatus.Ended)
            {
                return;
            }
            FinishedReply finished;
            try
            {
                var conversation = await AgentAsync();
                var (reply, decision, verified) = await conversation.ReplyAsync(
                    line.Text, sentence => ExecuteAsync(turns.SentenceProduced(sentence)), line.Seq, line.Keyed, cancellationToken);
                state.State.IdentifiedCustomerId = verified ?? state.State.IdentifiedCustomerId;
                state.State.IdentifiedBy = conversation.Session.Factors;
                finished = new FinishedReply(reply.Interrupted, decision, line.EndedAt, reply.FirstTokenMs, reply.Tokens);
            }
            catch (Exception e)
            {
                // The agent could not be made or a sentence not spoken: the call goes on with what was said.
                Log.ReplyFailed(logger, e, CallSid);
                finished = new FinishedReply(cancellationToken.IsCancellationRequested, ReplyDecision.None, line.EndedAt);
            }
            if (finished.Interrupted)
            {
                Log.ReplyInterrupted(logger, CallSid);
            }
            await ExecuteAsync(turns.ReplyFinished(finished));
        }
        catch (Exception e)
        {
            Log.ReplyFailed(logger, e, CallSid);
        }
    }

    async Task StoreReplyAsync(TurnCommand.StoreReply store)
    {
        var finished = store.Finished;
        var latency = new TurnLatency(LlmFirstTokenMs: finished.FirstTokenMs);
        var turn = new CallTurn(state.State.Turns.Count, Speaker.Agent, store.Text, finished.CallerLineEnded, time.GetUtcNow(),
            firstAudio?.Reply == store.Reply ? WithFirstAudio(latency, finished.CallerLineEnded) : latency,
            Tokens: finished.Tokens, Interrupted: finished.Interrupted);
        storedReply = (store.Reply, turn.Seq);
        if (finished.Interrupted)
        {
            MadeAgent?.TruncateLastReply(store.Text);
        }
        await StoreAsync(turn);
    }

    async Task CutReplyAsync(TurnCommand.CutReply cut)
    {
        if (storedReply is not var (reply, seq) || reply != cut.Reply)
        {
            return;
        }
        MadeAgent?.TruncateLastReply(cut.HeardText);
        await ReviseTurnAsync(seq, turn => turn with { Text = cut.HeardText, Interrupted = true });
    }

    /// <summary>A stored turn as it turned out (cut by a barge-in, timed by its first audio): in the grain's state and its row.</summary>
    async Task ReviseTurnAsync(int seq, Func<CallTurn, CallTurn> revise)
    {
        var before = state.State.Turns[seq];
        var turn = state.State.Turns[seq] = revise(before);
        await SaveStateAsync();
        TurnStageMetrics.Record(before.Latency, turn.Latency);
        await calls.UpdateTurnAsync(CallSid, turn, CancellationToken.None);
    }

    /// <summary>Something the call itself says (not the agent's reply): stored, known to the agent, spoken.</summary>
    async Task SayAsync(string text)
    {
        var now = time.GetUtcNow();
        await StoreAsync(new CallTurn(state.State.Turns.Count, Speaker.Agent, text, now, now, new TurnLatency()));
        MadeAgent?.NoteSaid(text);
        await Synthesizer.SpeakAsync([text]);
    }

    /// <summary>
    /// The caller has heard the agent's last words: the carrier moves them to the configured number (a lead this call
    /// graded hot: to the sales number, when there is one).
    /// </summary>
    async Task TransferAsync()
    {
        await Live.PublishAsync(LiveCall.Of(Snapshot(), time.GetUtcNow()) with { OnHoldForTransfer = true });
        try
        {
            var toSales = MadeAgent?.Session.TransferToSales == true && !string.IsNullOrWhiteSpace(options.Value.SalesNumber);
            var number = toSales ? options.Value.SalesNumber : options.Value.TransferNumber;
            if (string.IsNullOrWhiteSpace(number))
            {
                throw new CallControlException("no Calls:TransferNumber is configured");
            }
            await carrier.TransferAsync(CallSid, number, CancellationToken.None);
        }
        catch (CallControlException e)
        {
            Log.TransferFailed(logger, CallSid, e.Message);
            await ExecuteAsync(turns.TransferFailed());
            return;
        }
        await ExecuteAsync(turns.TransferSucceeded());
    }

    /// <summary>The outcome is final before anything is told: the summary and the customer's history say what happened.</summary>
    async Task EndCallAsync(CallOutcome outcome)
    {
        var call = state.State;
        call.Status = CallStatus.Ended;
        call.EndedAt = time.GetUtcNow();
        call.EndedAs = outcome;
        await SaveStateAsync();
        // The caller is let go first (the carrier hangs up once the media stream closes); the calls row and the live
        // view follow at once, before the summary (the grain's state already holds the outcome).
        await Synthesizer.CloseMediaStreamAsync();
        await SaveCallRowAsync();
        var summary = await WrapUpAsync(outcome);
        await TellCustomerAsync(summary);
        Log.CallEnded(logger, CallSid, outcome, call.Turns.Count);
        DeactivateOnIdle();
    }

    /// <summary>The call's row in the calls table, and the same change to the operators' live view.</summary>
    async Task SaveCallRowAsync()
    {
        var snapshot = Snapshot();
        await calls.SaveCallAsync(snapshot, CancellationToken.None);
        await Live.PublishAsync(LiveCall.Of(snapshot, time.GetUtcNow()));
    }

    /// <summary>The grain's own state, written through <see cref="DatabaseRetry"/>: a database restart is waited out.</summary>
    Task SaveStateAsync() => DatabaseRetry.RunAsync(cancellation => new ValueTask(state.WriteStateAsync(cancellation)), CancellationToken.None).AsTask();

    /// <summary>
    /// Stores a new turn. If the database stays unreachable past the retries, the turn is not kept and the failure goes
    /// back to the caller (the recognizer hands the line over again, so it is not stored twice); once the grain's state has
    /// it, a failed table write only leaves the table behind until the next turn writes them all.
    /// </summary>
    async Task StoreAsync(CallTurn turn)
    {
        var turnsKept = state.State.Turns;
        turnsKept.Add(turn);
        try
        {
            await SaveStateAsync();
        }
        catch (Exception e) when (DatabaseRetry.IsTransient(e))
        {
            turnsKept.RemoveAt(turnsKept.Count - 1);
            throw;
        }
        TurnStageMetrics.Record(null, turn.Latency);
        try
        {
            await calls.SaveTurnsAsync(CallSid, turnsTableBehind ? turnsKept : [turn], CancellationToken.None);
            turnsTableBehind = false;
        }
        catch (Exception e) when (DatabaseRetry.IsTransient(e))
        {
            turnsTableBehind = true;
            Log.TurnsTableBehind(logger, e, CallSid);
        }
        await Live.PublishAsync(LiveCall.Of(Snapshot(), time.GetUtcNow()));
    }

    /// <summary>One agent per activation, made once even when two messages ask for it at the same time.</summary>
    Task<ConversationAgent> AgentAsync()
    {
        if (agent is { IsFaulted: true })
        {
            agent = null;
        }
        return agent ??= CreateAgentAsync();
    }

    /// <summary>Bound to the call's caller and rebuilt from the stored turns when the call moves to another silo.</summary>
    async Task<ConversationAgent> CreateAgentAsync()
    {
        var call = state.State;
        var session = new CallerSession(CallSid, call.Direction == CallDirection.Inbound ? call.From : call.To) { Purpose = call.Purpose, SurveyId = call.SurveyId };
        if (call.IdentifiedCustomerId is { } identified)
        {
            session.TryIdentify(identified, null, call.IdentifiedBy);
        }
        var customer = call.CustomerId is { } customerId
            ? await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetContextAsync()
            : null;
        var created = await agents.CreateAsync(session, customer, CancellationToken.None);
        created.Resume(call.Turns.Select(t => (t.Speaker == Speaker.Caller, t.Text)));
        return created;
    }

    /// <summary>Summary and sentiment onto the call row; the customer's history gets the summary.</summary>
    async Task<string?> WrapUpAsync(CallOutcome outcome)
    {
        if (MadeAgent is not { } conversation)
        {
            return null;
        }
        try
        {
            await conversation.WhenIdleAsync();
            var wrapUp = await conversation.WrapUpAsync(outcome, CancellationToken.None);
            await calls.SaveWrapUpAsync(CallSid, wrapUp.Summary, wrapUp.Sentiment, CancellationToken.None);
            return wrapUp.Summary;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Data.DatabaseSetupException)
        {
            Log.WrapUpFailed(logger, e, CallSid);
            return null;
        }
    }

    Task TellCustomerAsync(string? summary)
    {
        var call = state.State;
        return (call.IdentifiedCustomerId ?? call.CustomerId) is { } customerId
            ? GrainFactory.GetGrain<ICustomerGrain>(customerId).RecordCallAsync(
                new CallHistoryEntry(CallSid, call.StartedAt, call.EndedAt, call.EndedAs, summary))
            : Task.CompletedTask;
    }

    void RequireStarted()
    {
        if (!state.State.Started)
        {
            throw new InvalidCallTransitionException($"Call {CallSid} has not started.");
        }
    }

    CallSnapshot Snapshot()
    {
        var call = state.State;
        return new CallSnapshot(CallSid, call.Direction, call.From, call.To, call.CustomerId, call.Status,
            call.StartedAt, call.EndedAt, call.EndedAs, call.Turns.ToArray(), RuntimeIdentity, call.RecordingPath, call.Purpose, call.Channel);
    }

    /// <summary>Orleans disposes an activation that is disposable once it has deactivated.</summary>
    public void Dispose()
    {
        replying?.Dispose();
        deadlineTimer?.Dispose();
    }

    static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} started ({Direction}, customer {CustomerId})")]
        public static partial void CallStarted(ILogger logger, string callSid, CallDirection direction, long? customerId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the caller speaks over the agent; their words decide whether it goes on")]
        public static partial void SpeakingOver(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the caller only acknowledged the agent, which goes on")]
        public static partial void Acknowledged(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the sound that paused the agent was not speech; it goes on")]
        public static partial void FalseStart(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the agent's reply was cut off")]
        public static partial void ReplyInterrupted(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: the agent's reply failed")]
        public static partial void ReplyFailed(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: the caller could not be moved to a person ({Reason}); they hear an apology")]
        public static partial void TransferFailed(ILogger logger, string callSid, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: a supervisor took it over (moving it now: {Moving})")]
        public static partial void TakenOver(ILogger logger, string callSid, bool moving);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: the summary could not be stored")]
        public static partial void WrapUpFailed(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: a turn is kept by the call but not yet in call_turns (the database is unreachable); the next turn writes it")]
        public static partial void TurnsTableBehind(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: its media stream is moving to another front end")]
        public static partial void MediaMoving(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: its media stream could not be moved ({Reason}); it stays where it is")]
        public static partial void MediaNotMoved(ILogger logger, string callSid, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: a media token was asked for after its stream was admitted (a replayed voice webhook); none issued")]
        public static partial void TokenRefused(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} ended: {Outcome} after {Turns} turns")]
        public static partial void CallEnded(ILogger logger, string callSid, CallOutcome outcome, int turns);
    }
}
