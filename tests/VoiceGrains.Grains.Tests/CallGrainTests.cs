using Orleans.Runtime;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Tests;

public sealed class CallGrainTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    static CallStart Inbound(string from) => new(CallDirection.Inbound, from, "+15550100000");

    static string NewSid() => "CA" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ARetriedStartReturnsTheCallAsFirstStarted()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);

        var first = await call.StartAsync(Inbound("+15550100004"));
        var retried = await call.StartAsync(Inbound("+15550100005"));

        Assert.Equal("+15550100004", retried.From);
        Assert.Equal(first.StartedAt, retried.StartedAt);
        Assert.Equal(CallStatus.Ringing, retried.Status);
        Assert.Equal(1L, await silo.Database.ScalarAsync<long>($"SELECT count(*) FROM calls WHERE call_sid = '{sid}'"));
        Assert.Equal(first.CustomerId, await silo.Database.ScalarAsync<long>("SELECT id FROM customers WHERE phone = '+15550100004'"));
    }

    [Fact]
    public async Task TurnsAreNumberedInOrderAndWrittenThroughWithTheirTimings()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(Inbound("+15550100006"));
        await call.GreetAsync();

        var seq = await silo.Grains.GetGrain<ICallHearingGrain>(sid).HearAsync(
            new NewTurn(Speaker.Caller, "I'd like to book a rug cleaning.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(2), new TurnLatency(SpeechToTextMs: 210, EndOfTurnMs: 340)));
        await call.WaitForTurnsAsync(3);

        Assert.Equal(1, seq);
        Assert.Equal("agent,caller,agent", await silo.Database.ScalarAsync<string>(
            $"SELECT string_agg(speaker, ',' ORDER BY seq) FROM call_turns WHERE call_sid = '{sid}'"));
        Assert.Equal(210, await silo.Database.ScalarAsync<int>($"SELECT stt_ms FROM call_turns WHERE call_sid = '{sid}' AND seq = 1"));
        Assert.Equal(340, await silo.Database.ScalarAsync<int>($"SELECT end_of_turn_ms FROM call_turns WHERE call_sid = '{sid}' AND seq = 1"));
        Assert.True(await silo.Database.ScalarAsync<bool>($"SELECT llm_first_token_ms IS NOT NULL FROM call_turns WHERE call_sid = '{sid}' AND seq = 2"));
        Assert.NotEqual("ringing", await silo.Database.ScalarAsync<string>($"SELECT status FROM active_calls WHERE call_sid = '{sid}'"));
    }

    [Fact]
    public async Task AnEndedCallLeavesActiveCallsAndRefusesMore()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(Inbound("+15550100008"));
        await call.GreetAsync();

        await call.EndAsync(CallOutcome.Completed);
        await call.EndAsync(CallOutcome.Dropped);

        var snapshot = await call.GetSnapshotAsync();
        Assert.Equal(CallStatus.Ended, snapshot!.Status);
        Assert.Equal(CallOutcome.Completed, snapshot.Outcome);
        Assert.NotNull(snapshot.EndedAt);
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>($"SELECT count(*) FROM active_calls WHERE call_sid = '{sid}'"));
        Assert.Equal("completed", await silo.Database.ScalarAsync<string>($"SELECT outcome FROM calls WHERE call_sid = '{sid}' AND ended_at IS NOT NULL"));
        await Assert.ThrowsAsync<InvalidCallTransitionException>(() =>
            silo.Grains.GetGrain<ICallHearingGrain>(sid).HearAsync(new NewTurn(Speaker.Caller, "Wait!", DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task ACallThatNeverStartedIsUnknown()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);

        Assert.Null(await call.GetSnapshotAsync());
        await Assert.ThrowsAsync<InvalidCallTransitionException>(() =>
            silo.Grains.GetGrain<ICallHearingGrain>(sid).HearAsync(new NewTurn(Speaker.Caller, "Hello?", DateTimeOffset.UtcNow)));
        await Assert.ThrowsAsync<InvalidCallTransitionException>(() => call.EndAsync(CallOutcome.Completed));
    }

    [Fact]
    public async Task AWithheldCallerNumberGivesACallWithoutACustomer()
    {
        var sid = NewSid();

        var snapshot = await silo.Grains.GetGrain<ICallGrain>(sid).StartAsync(Inbound("anonymous"));

        Assert.Null(snapshot.CustomerId);
        Assert.True(await silo.Database.ScalarAsync<bool>($"SELECT customer_id IS NULL FROM calls WHERE call_sid = '{sid}'"));
    }

    [Fact]
    public async Task ATurnMissingFromTheDatabaseIsWrittenAgainWhenTheCallReactivates()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(Inbound("+15550100010"));
        await call.GreetAsync();
        await silo.Grains.GetGrain<ICallHearingGrain>(sid).HearAsync(new NewTurn(Speaker.Caller, "Hi.", DateTimeOffset.UtcNow));
        await call.WaitForTurnsAsync(3);
        // As if the silo died after persisting the grain state but before the write-through.
        await silo.Database.ExecuteAsync($"DELETE FROM call_turns WHERE call_sid = '{sid}' AND seq = 1");

        await silo.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var snapshot = await call.GetSnapshotAsync();

        Assert.Equal(3, snapshot!.Turns.Count);
        Assert.Equal(3L, await silo.Database.ScalarAsync<long>($"SELECT count(*) FROM call_turns WHERE call_sid = '{sid}'"));
    }

    [Fact]
    public async Task AMediaTokenWorksOnceAndOnlyForItsCall()
    {
        var call = silo.Grains.GetGrain<ICallGrain>(NewSid());
        var other = silo.Grains.GetGrain<ICallGrain>(NewSid());
        await call.StartAsync(Inbound("+15550100016"));
        await other.StartAsync(Inbound("+15550100017"));

        var token = (await call.IssueMediaTokenAsync(TimeSpan.FromSeconds(30)))!;

        Assert.False(await other.RedeemMediaTokenAsync(token));
        Assert.False(await call.RedeemMediaTokenAsync(token + "x"));
        Assert.True(await call.RedeemMediaTokenAsync(token));
        Assert.False(await call.RedeemMediaTokenAsync(token));
    }

    [Fact]
    public async Task AnExpiredMediaTokenIsRefusedAndAnEndedCallIssuesNone()
    {
        var call = silo.Grains.GetGrain<ICallGrain>(NewSid());
        await call.StartAsync(Inbound("+15550100018"));

        var token = (await call.IssueMediaTokenAsync(TimeSpan.FromMilliseconds(1)))!;
        await Task.Delay(20);

        Assert.False(await call.RedeemMediaTokenAsync(token));
        await call.EndAsync(CallOutcome.Completed);
        await Assert.ThrowsAsync<InvalidCallTransitionException>(() => call.IssueMediaTokenAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task OnceAStreamIsAdmittedNoTokenIsIssuedAgain()
    {
        var call = silo.Grains.GetGrain<ICallGrain>(NewSid());
        await call.StartAsync(Inbound("+15550100019"));
        var replaced = (await call.IssueMediaTokenAsync(TimeSpan.FromSeconds(30)))!;
        var token = (await call.IssueMediaTokenAsync(TimeSpan.FromSeconds(30)))!;   // Twilio's retry before any stream: a new one

        Assert.False(await call.RedeemMediaTokenAsync(replaced));
        Assert.True(await call.RedeemMediaTokenAsync(token));

        // A replayed voice webhook after that: nothing that could let a second stream in.
        Assert.Null(await call.IssueMediaTokenAsync(TimeSpan.FromSeconds(30)));
    }
}
