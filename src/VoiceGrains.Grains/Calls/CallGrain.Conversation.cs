using Microsoft.Extensions.Logging;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;
using VoiceGrains.Conversation;
using VoiceGrains.Conversation.Understanding;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// The call's conversation: one agent per activation, bound to the call's caller and rebuilt from the stored turns
/// when the call moves to another silo. A reply runs in the background of the grain (its awaits interleave with
/// the call's other messages, so barge-in can cut it off) and goes to the synthesizer sentence by sentence.
/// </summary>
public sealed partial class CallGrain
{
    ConversationAgent? agent;
    CancellationTokenSource? replying;
    Task reply = Task.CompletedTask;

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
        AwaitCaller(conversation.Greeting);
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
        // Transcripts keep no card numbers: what is stored, and what the agent sees, is the redacted line.
        var text = SensitiveText.Redact(callerTurn.Text);
        var seq = await StoreAsync(new CallTurn(
            state.State.Turns.Count, Speaker.Caller, text, callerTurn.StartedAt, callerTurn.EndedAt,
            callerTurn.Latency ?? new TurnLatency(), UtteranceParser.Understand(text)));

        replying?.Cancel();
        var cancellation = replying = new CancellationTokenSource();
        var previous = reply;
        reply = RespondAsync(previous, seq, text, callerTurn.EndedAt ?? DateTimeOffset.UtcNow, cancellation.Token);
        return seq;
    }

    /// <summary>Answers one caller turn; never throws, since nobody awaits it but the next reply.</summary>
    async Task RespondAsync(Task previous, int callerSeq, string text, DateTimeOffset heardAt, CancellationToken cancellationToken)
    {
        await previous;
        var spoken = new List<string>();
        try
        {
            var conversation = await AgentAsync();
            conversation.Session.TurnSeq = callerSeq;
            await MoveToAsync(CallStatus.Thinking);
            var synthesizer = GrainFactory.GetGrain<ISynthesizerGrain>(CallSid);
            await foreach (var sentence in conversation.ReplyAsync(text, cancellationToken))
            {
                if (spoken.Count == 0)
                {
                    await MoveToAsync(CallStatus.Speaking);
                }
                spoken.Add(sentence);
                await synthesizer.SpeakAsync([sentence]);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.ReplyInterrupted(logger, CallSid, spoken.Count);
        }
        catch (Exception e)
        {
            Log.ReplyFailed(logger, e, CallSid);
        }

        if (agent is not { } answered || state.State.Status == CallStatus.Ended && spoken.Count == 0)
        {
            return;
        }
        await answered.WhenIdleAsync();
        var interrupted = cancellationToken.IsCancellationRequested;
        if (interrupted)
        {
            // The caller heard at most the sentences handed to the synthesizer before the barge-in.
            answered.TruncateLastReply(string.Join(" ", spoken));
        }
        await RecordReplyAsync(answered, heardAt, string.Join(" ", spoken), interrupted);
    }

    async Task RecordReplyAsync(ConversationAgent answered, DateTimeOffset heardAt, string said, bool interrupted)
    {
        var last = answered.LastReply;
        state.State.IdentifiedCustomerId = answered.Session.CustomerId ?? state.State.IdentifiedCustomerId;
        if (said.Length > 0)
        {
            await StoreAsync(new CallTurn(
                state.State.Turns.Count, Speaker.Agent, said, heardAt, DateTimeOffset.UtcNow,
                new TurnLatency(LlmFirstTokenMs: last?.FirstTokenMs), Tokens: last?.Tokens, Interrupted: interrupted));
        }
        if (state.State.Status == CallStatus.Ended)
        {
            return;
        }
        if (answered.Session.TransferReason is not null)
        {
            await EndAsync("transferred");
        }
        else if (answered.Session.EndReason is not null)
        {
            await EndAsync("completed");
        }
        else if (!interrupted)
        {
            await MoveToAsync(CallStatus.Listening);
            AwaitCaller(said);
        }
    }

    async Task<ConversationAgent> AgentAsync()
    {
        if (agent is not null)
        {
            return agent;
        }
        var call = state.State;
        var session = new CallerSession(CallSid, call.Direction == CallDirection.Inbound ? call.From : call.To);
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
        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the reply was cut off after {Sentences} sentence(s)")]
        public static partial void ReplyInterrupted(ILogger logger, string callSid, int sentences);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: the agent's reply failed")]
        public static partial void ReplyFailed(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: the summary could not be stored")]
        public static partial void WrapUpFailed(ILogger logger, Exception exception, string callSid);
    }
}
