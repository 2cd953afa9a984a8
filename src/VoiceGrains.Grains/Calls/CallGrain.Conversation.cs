using Microsoft.Extensions.Logging;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;
using VoiceGrains.Conversation;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// The call's conversation: one agent per activation, bound to the call's caller and rebuilt from the stored turns
/// when the call moves to another silo. A reply runs in the background of the grain (its awaits interleave with
/// the call's other messages, so barge-in can cut it off) and goes to the synthesizer sentence by sentence.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>Marks echoed after this long beyond the reply's spoken length are no longer waited for.</summary>
    static readonly TimeSpan MarkGrace = TimeSpan.FromSeconds(2);

    ConversationAgent? agent;
    CancellationTokenSource? replying;
    /// <summary>The reply being produced; the next one starts after it.</summary>
    Task answering = Task.CompletedTask;
    ReplyInProgress? speaking;
    IGrainTimer? finishTimer;
    int replies;

    public async Task GreetAsync()
    {
        RequireStarted();
        if (state.State.Greeted || state.State.Status == CallStatus.Ended)
        {
            return;
        }
        var conversation = await AgentAsync();
        state.State.Greeted = true;
        await MoveToAsync(CallStatus.Greeting);
        await SayAsync(conversation.Greeting);
        AwaitCaller(SpokenDuration.Of(conversation.Greeting));
    }

    public async Task<int> HearAsync(NewTurn callerTurn)
    {
        ArgumentNullException.ThrowIfNull(callerTurn);
        RequireStarted();
        if (state.State.Status == CallStatus.Ended)
        {
            throw new InvalidCallTransitionException($"Call {CallSid} has ended; no more turns.");
        }

        silenceTimer?.Dispose();
        silencePrompts = 0;
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
        var seq = await StoreAsync(new CallTurn(
            state.State.Turns.Count, Speaker.Caller, text, callerTurn.StartedAt, callerTurn.EndedAt,
            callerTurn.Latency ?? new TurnLatency(), conversation?.Understand(text)));

        replying?.Cancel();
        var cancellation = replying = new CancellationTokenSource();
        answering = RespondAsync(answering, seq, text, callerTurn.EndedAt ?? DateTimeOffset.UtcNow, cancellation.Token);
        return seq;
    }

    /// <summary>Answers one caller turn; never throws, since nobody awaits it but the next reply.</summary>
    async Task RespondAsync(Task previous, int callerSeq, string text, DateTimeOffset heardAt, CancellationToken cancellationToken)
    {
        await previous;
        var reply = new ReplyInProgress(++replies);
        speaking = reply;
        try
        {
            var conversation = await AgentAsync();
            conversation.Session.TurnSeq = callerSeq;
            await MoveToAsync(CallStatus.Thinking);
            var synthesizer = GrainFactory.GetGrain<ISynthesizerGrain>(CallSid);
            await foreach (var sentence in conversation.ReplyAsync(text, cancellationToken))
            {
                var mark = $"reply{reply.Number}-{reply.Sentences.Count}";
                reply.Sentences.Add((mark, sentence));
                if (!reply.Paused)
                {
                    await synthesizer.SpeakAsync([sentence], [mark]);
                }
                if (reply.Sentences.Count == 1)
                {
                    // Recorded once the first sentence is on its way: the status write is not on the caller's wait.
                    await MoveToAsync(CallStatus.Speaking);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.ReplyInterrupted(logger, CallSid, reply.Heard);
        }
        catch (Exception e)
        {
            Log.ReplyFailed(logger, e, CallSid);
        }

        if (agent is not { } answered || state.State.Status == CallStatus.Ended && reply.Sentences.Count == 0)
        {
            return;
        }
        await answered.WhenIdleAsync();
        var interrupted = cancellationToken.IsCancellationRequested;
        if (interrupted)
        {
            answered.TruncateLastReply(reply.HeardText);
        }
        await RecordReplyAsync(answered, reply, heardAt, interrupted ? reply.HeardText : reply.Text, interrupted);
    }

    async Task RecordReplyAsync(ConversationAgent answered, ReplyInProgress reply, DateTimeOffset heardAt, string said, bool interrupted)
    {
        var last = answered.LastReply;
        state.State.IdentifiedCustomerId = answered.Session.CustomerId ?? state.State.IdentifiedCustomerId;
        if (said.Length > 0 || interrupted)
        {
            reply.TurnSeq = await StoreAsync(new CallTurn(
                state.State.Turns.Count, Speaker.Agent, said, heardAt, DateTimeOffset.UtcNow,
                new TurnLatency(LlmFirstTokenMs: last?.FirstTokenMs), Tokens: last?.Tokens, Interrupted: interrupted));
        }
        if (state.State.Status == CallStatus.Ended)
        {
            return;
        }
        reply.EndsCallAs = answered.Session.TransferReason is not null ? "transferred"
            : answered.Session.EndReason is not null ? "completed"
            : null;
        if (!interrupted && reply.Sentences.Count > 0)
        {
            // Still speaking: the call listens again (or ends, if the agent said goodbye) once the carrier echoes the
            // last mark, or, if marks never come back, once the reply must have been played.
            reply.Produced = true;
            if (!reply.Paused)
            {
                await FinishOnceHeardAsync(reply, said);
            }
        }
        else if (reply.EndsCallAs is { } outcome)
        {
            await EndAfterReplyAsync(outcome);
        }
        else if (!interrupted)
        {
            await MoveToAsync(CallStatus.Listening);
            AwaitCaller(TimeSpan.Zero);
        }
    }

    async Task FinishOnceHeardAsync(ReplyInProgress reply, string stillToPlay)
    {
        finishTimer?.Dispose();
        finishTimer = this.RegisterGrainTimer(FinishSpeakingAsync,
            new GrainTimerCreationOptions(SpokenDuration.Of(stillToPlay) + MarkGrace, Timeout.InfiniteTimeSpan));
        if (reply.Heard == reply.Sentences.Count)
        {
            await FinishSpeakingAsync();
        }
    }

    /// <summary>
    /// After a false start: the sentences the caller has not fully heard are spoken again (the one that was cut off
    /// from its beginning), with their own marks, and the reply ends as it would have.
    /// </summary>
    async Task SpeakRestOfReplyAsync(ReplyInProgress reply)
    {
        reply.Paused = false;
        var rest = reply.Sentences.Skip(reply.Heard).ToList();
        if (rest.Count > 0)
        {
            await GrainFactory.GetGrain<ISynthesizerGrain>(CallSid).SpeakAsync(rest.Select(s => s.Text).ToList(), rest.Select(s => s.Mark).ToList());
        }
        if (reply.Produced)
        {
            await FinishOnceHeardAsync(reply, string.Join(" ", rest.Select(s => s.Text)));
        }
    }

    public async Task HeardAsync(string mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        if (speaking is not { } reply || reply.Sentences.FindIndex(s => s.Mark == mark) is var index && index < 0)
        {
            return;
        }
        reply.Heard = Math.Max(reply.Heard, index + 1);
        if (reply.Produced && reply.Heard == reply.Sentences.Count)
        {
            await FinishSpeakingAsync();
        }
    }

    async Task FinishSpeakingAsync()
    {
        finishTimer?.Dispose();
        finishTimer = null;
        if (speaking is { EndsCallAs: { } outcome })
        {
            await EndAfterReplyAsync(outcome);
        }
        else if (state.State.Status == CallStatus.Speaking)
        {
            await MoveToAsync(CallStatus.Listening);
            AwaitCaller(TimeSpan.Zero);
        }
    }

    /// <summary>The caller has heard the agent's last words: hang up, or hand them to the configured number.</summary>
    async Task EndAfterReplyAsync(string outcome)
    {
        if (outcome != "transferred")
        {
            await EndAsync(outcome, transferTo: null);
        }
        else if (options.Value.TransferNumber is { Length: > 0 } number)
        {
            await EndAsync(outcome, number);
        }
        else
        {
            Log.NoTransferNumber(logger, CallSid);
            await EndAsync("transfer_failed", transferTo: null);
        }
    }

    /// <summary>After a barge-in over a reply already stored: its turn and the agent's memory keep only what was heard.</summary>
    async Task KeepOnlyHeardAsync()
    {
        finishTimer?.Dispose();
        finishTimer = null;
        if (speaking is not { TurnSeq: { } seq } reply || reply.Heard == reply.Sentences.Count)
        {
            return;
        }
        var turn = state.State.Turns[seq] with { Text = reply.HeardText, Interrupted = true };
        state.State.Turns[seq] = turn;
        await state.WriteStateAsync();
        await calls.UpdateTurnTextAsync(CallSid, turn, CancellationToken.None);
        agent?.TruncateLastReply(reply.HeardText);
    }

    async Task<ConversationAgent> AgentAsync()
    {
        if (agent is not null)
        {
            return agent;
        }
        var call = state.State;
        var session = new CallerSession(CallSid, call.Direction == CallDirection.Inbound ? call.From : call.To) { Purpose = call.Purpose };
        if (call.IdentifiedCustomerId is { } identified)
        {
            session.TryIdentify(identified, null);
        }
        CustomerContext? customer = call.CustomerId is { } customerId
            ? await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetContextAsync()
            : null;
        var created = await agents.CreateAsync(session, customer, CancellationToken.None);
        created.Resume(call.Turns.Select(t => (t.Speaker == Speaker.Caller, t.Text)));
        return agent = created;
    }

    /// <summary>Summary and sentiment onto the call row; the customer's history gets the summary.</summary>
    async Task<string?> WrapUpAsync()
    {
        if (agent is null)
        {
            return null;
        }
        try
        {
            await agent.WhenIdleAsync();
            var wrapUp = await agent.WrapUpAsync(CancellationToken.None);
            await calls.SaveWrapUpAsync(CallSid, wrapUp.Summary, wrapUp.Sentiment, CancellationToken.None);
            return wrapUp.Summary;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or Data.DatabaseSetupException)
        {
            Log.WrapUpFailed(logger, e, CallSid);
            return null;
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the reply was cut off after {Sentences} heard sentence(s)")]
        public static partial void ReplyInterrupted(ILogger logger, string callSid, int sentences);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: the agent's reply failed")]
        public static partial void ReplyFailed(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: the agent transferred the caller, but no Calls:TransferNumber is configured")]
        public static partial void NoTransferNumber(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: the summary could not be stored")]
        public static partial void WrapUpFailed(ILogger logger, Exception exception, string callSid);
    }
}
