using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Security.Cryptography;
using Orleans.Runtime;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;
using VoiceGrains.Conversation;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Customers;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// Owns one call. Every change is written to the grain's own state first, then through to the calls and
/// call_turns tables, whose writes are idempotent; activation replays them, so a silo that dies between the
/// two writes loses nothing and active_calls stays true.
/// Calls are placed at random: Orleans' resource-optimised default piled nearly every call onto the newest
/// silo (29 of 30, measured), so one silo's death would drop almost every call. Even spread halves that.
/// </summary>
[Orleans.Placement.RandomPlacement]
public sealed partial class CallGrain(
    [PersistentState("call", StorageNames.Calls)] IPersistentState<CallState> state,
    CallRepository calls,
    CustomerRepository customers,
    ConversationAgentFactory agents,
    IOptions<CallOptions> options,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    /// <summary>Far longer than the VAD takes to call a voice speech or a false start (250 ms of it).</summary>
    static readonly TimeSpan UnresolvedPause = TimeSpan.FromSeconds(3);

    string CallSid => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Started)
        {
            await SyncToDomainAsync(state.State.Turns, cancellationToken);
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
        call.Status = CallStatus.Ringing;
        call.StartedAt = DateTimeOffset.UtcNow;
        await state.WriteStateAsync();
        await calls.SaveCallAsync(Snapshot(), CancellationToken.None);
        await TellCustomerAsync(null);
        Log.CallStarted(logger, CallSid, start.Direction, customerId);
        return Snapshot();
    }

    public async Task MoveToAsync(CallStatus status)
    {
        RequireStarted();
        if (status == state.State.Status)
        {
            return;
        }
        if (!CallLifecycle.CanMove(state.State.Status, status))
        {
            throw new InvalidCallTransitionException($"Call {CallSid} cannot move from {state.State.Status} to {status}.");
        }

        state.State.Status = status;
        await state.WriteStateAsync();
        await calls.SaveCallAsync(Snapshot(), CancellationToken.None);
    }

    public async Task<int> AppendTurnAsync(NewTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(turn.Text);
        RequireStarted();
        if (state.State.Status == CallStatus.Ended)
        {
            throw new InvalidCallTransitionException($"Call {CallSid} has ended; no more turns.");
        }

        return await StoreAsync(new CallTurn(state.State.Turns.Count, turn.Speaker, turn.Text, turn.StartedAt, turn.EndedAt, turn.Latency ?? new TurnLatency()));
    }

    async Task<int> StoreAsync(CallTurn turn)
    {
        state.State.Turns.Add(turn);
        await state.WriteStateAsync();
        await calls.SaveTurnsAsync(CallSid, [turn], CancellationToken.None);
        return turn.Seq;
    }

    public async Task CallerMayBeSpeakingAsync()
    {
        RequireStarted();
        if (state.State.Status == CallStatus.Speaking && speaking is { Paused: false } reply)
        {
            reply.Paused = true;
            // The VAD always follows a voice onset with speech or a false start, unless its grain is lost with a silo:
            // a pause nobody resolves ends as a false start rather than leaving the caller in silence.
            finishTimer?.Dispose();
            finishTimer = this.RegisterGrainTimer(CallerFalseStartAsync, new GrainTimerCreationOptions(UnresolvedPause, Timeout.InfiniteTimeSpan));
            await GrainFactory.GetGrain<ISynthesizerGrain>(CallSid).StopAsync();
        }
    }

    public async Task CallerFalseStartAsync()
    {
        RequireStarted();
        if (state.State.Status == CallStatus.Speaking && speaking is { Paused: true } reply)
        {
            Log.FalseStart(logger, CallSid, reply.Heard);
            await SpeakRestOfReplyAsync(reply);
        }
    }

    public async Task CallerStartedSpeakingAsync()
    {
        RequireStarted();
        if (state.State.Status == CallStatus.Speaking)
        {
            Log.BargeIn(logger, CallSid);
            replying?.Cancel();
            await MoveToAsync(CallStatus.Listening);
            if (speaking is not { Paused: true })
            {
                await GrainFactory.GetGrain<ISynthesizerGrain>(CallSid).StopAsync();
            }
            await KeepOnlyHeardAsync();
        }
    }

    public Task EndAsync(string outcome) => EndAsync(outcome, transferTo: null);

    /// <summary>Ends the call and tells the carrier to hang up, or to move the caller to <paramref name="transferTo"/>.</summary>
    async Task EndAsync(string outcome, string? transferTo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outcome);
        RequireStarted();
        if (state.State.Status == CallStatus.Ended)
        {
            return;
        }

        replying?.Cancel();
        silenceTimer?.Dispose();
        finishTimer?.Dispose();
        keypadTimer?.Dispose();
        state.State.Status = CallStatus.Ended;
        state.State.EndedAt = DateTimeOffset.UtcNow;
        state.State.Outcome = outcome;
        await state.WriteStateAsync();
        await calls.SaveCallAsync(Snapshot(), CancellationToken.None);
        await GrainFactory.GetGrain<ISynthesizerGrain>(CallSid).HangUpAsync(transferTo);
        var summary = await WrapUpAsync();
        await TellCustomerAsync(summary);
        Log.CallEnded(logger, CallSid, outcome, state.State.Turns.Count);
        DeactivateOnIdle();
    }

    public async Task TransferFailedAsync(string reason)
    {
        RequireStarted();
        if (state.State.Status != CallStatus.Ended)
        {
            throw new InvalidCallTransitionException($"Call {CallSid} has not ended; only an ended call is handed on.");
        }
        Log.TransferFailed(logger, CallSid, reason);
        state.State.Outcome = "transfer_failed";
        await state.WriteStateAsync();
        await calls.SaveCallAsync(Snapshot(), CancellationToken.None);
        if ((state.State.IdentifiedCustomerId ?? state.State.CustomerId) is { } customerId)
        {
            await GrainFactory.GetGrain<ICustomerGrain>(customerId).CorrectCallOutcomeAsync(CallSid, state.State.Outcome);
        }
    }

    public async Task<string> IssueMediaTokenAsync(TimeSpan lifetime)
    {
        RequireStarted();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        if (state.State.Status == CallStatus.Ended)
        {
            throw new InvalidCallTransitionException($"Call {CallSid} has ended; no media stream can join it.");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        state.State.MediaTokenHash = Hash(token);
        state.State.MediaTokenExpires = DateTimeOffset.UtcNow + lifetime;
        await state.WriteStateAsync();
        return token;
    }

    public async Task<bool> RedeemMediaTokenAsync(string token)
    {
        var call = state.State;
        if (string.IsNullOrEmpty(token) || call.MediaTokenHash is null || call.Status == CallStatus.Ended
            || DateTimeOffset.UtcNow > call.MediaTokenExpires
            || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(call.MediaTokenHash), Convert.FromHexString(Hash(token))))
        {
            return false;
        }

        call.MediaTokenHash = null;
        call.MediaTokenExpires = null;
        await state.WriteStateAsync();
        return true;
    }

    public async Task SetRecordingAsync(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        RequireStarted();
        state.State.RecordingPath = path;
        await state.WriteStateAsync();
        await calls.SaveCallAsync(Snapshot(), CancellationToken.None);
    }

    public Task<CallSnapshot?> GetSnapshotAsync() =>
        Task.FromResult(state.State.Started ? Snapshot() : null);

    async Task SyncToDomainAsync(IEnumerable<CallTurn> turns, CancellationToken cancellationToken)
    {
        await calls.SaveCallAsync(Snapshot(), cancellationToken);
        await calls.SaveTurnsAsync(CallSid, turns, cancellationToken);
    }

    Task TellCustomerAsync(string? summary)
    {
        var call = state.State;
        return (call.IdentifiedCustomerId ?? call.CustomerId) is { } customerId
            ? GrainFactory.GetGrain<ICustomerGrain>(customerId).RecordCallAsync(
                new CallHistoryEntry(CallSid, call.StartedAt, call.EndedAt, call.Outcome, summary))
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
            call.StartedAt, call.EndedAt, call.Outcome, call.Turns.ToArray(), RuntimeIdentity, call.RecordingPath, call.Purpose);
    }

    static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} started ({Direction}, customer {CustomerId})")]
        public static partial void CallStarted(ILogger logger, string callSid, CallDirection direction, long? customerId);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the caller barged in")]
        public static partial void BargeIn(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid}: the sound that paused the agent was not speech; it goes on after {Sentences} heard sentence(s)")]
        public static partial void FalseStart(ILogger logger, string callSid, int sentences);

        [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallSid}: the caller could not be transferred ({Reason})")]
        public static partial void TransferFailed(ILogger logger, string callSid, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallSid} ended: {Outcome} after {Turns} turns")]
        public static partial void CallEnded(ILogger logger, string callSid, string outcome, int turns);
    }
}
