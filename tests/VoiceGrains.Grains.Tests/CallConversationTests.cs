using Orleans.Core.Internal;
using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Grains.Calls.Turns;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Tests;

/// <summary>The call grain running its agent: greeting, answers spoken through the synthesizer, and the wrap-up at the end.</summary>
public sealed class CallConversationTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    static string NewSid() => "CA" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task ATakenOverCallIsShownOnHoldForTransferAndWithNoTransferNumberTheCallerHearsTheApology()
    {
        var sid = NewSid();
        var live = new List<LiveCall>();
        await silo.Cluster.GetStreamProvider(StreamNames.LiveProvider)
            .GetStream<LiveCall>(StreamId.Create(StreamNames.LiveCalls, StreamNames.AllCalls))
            .SubscribeAsync((update, _) =>
            {
                if (update.CallSid == sid)
                {
                    lock (live)
                    {
                        live.Add(update);
                    }
                }
                return Task.CompletedTask;
            });
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100012", "+15550100000"));
        await call.GreetAsync();

        var taken = await call.TakeOverAsync();
        var apologised = await call.WaitForTurnsAsync(2);
        for (var i = 0; i < 100 && !HasHold(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(taken);
        Assert.True(HasHold(), "no live update said the call was on hold for transfer");
        Assert.Equal(TurnTaking.TransferApology, apologised.Turns[^1].Text);
        bool HasHold()
        {
            lock (live)
            {
                return live.Any(u => u.OnHoldForTransfer);
            }
        }
    }

    [Fact]
    public async Task TheAgentGreetsAnswersAloudAndTheEndedCallHasASummary()
    {
        var sid = NewSid();
        var speech = await silo.ListenToAgentAsync(sid);
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        var diego = await silo.Database.ScalarAsync<string>("SELECT phone FROM customers WHERE name = 'Diego Brown' AND zip = '98101'");
        await call.StartAsync(new CallStart(CallDirection.Inbound, diego, "+15550100000"));

        await call.GreetAsync();
        await call.GreetAsync();
        var seq = await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Where is my order 10002? My card is 4111 1111 1111 1111.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var answered = await call.WaitForTurnsAsync(3);
        await call.EndAsync(CallOutcome.Completed);

        Assert.Equal(1, seq);
        Assert.StartsWith("Thanks for calling Northwind Home Goods", answered.Turns[0].Text);
        Assert.Equal("Where is my order 10002? My card is [card number].", answered.Turns[1].Text);
        Assert.Equal("order_status", answered.Turns[1].Understanding!.Intent);
        Assert.Equal(Speaker.Agent, answered.Turns[2].Speaker);
        Assert.Contains("Order 10002", answered.Turns[2].Text);
        Assert.Contains("Hi Diego", answered.Turns[2].Text);
        Assert.Equal(1, await silo.Database.ScalarAsync<int>($"SELECT min(turn_seq) FROM function_calls WHERE call_sid = '{sid}' AND name = 'orders_get_order'"));
        Assert.Equal("order_status", await silo.Database.ScalarAsync<string>($"SELECT intent FROM call_turns WHERE call_sid = '{sid}' AND seq = 1"));
        Assert.Contains("looked up an order (10002)", await silo.Database.ScalarAsync<string>($"SELECT summary FROM calls WHERE call_sid = '{sid}'"));
        Assert.Equal(0L, await silo.Database.ScalarAsync<long>($"SELECT count(*) FROM call_turns WHERE call_sid = '{sid}' AND text LIKE '%4111%'"));
        for (var i = 0; i < 100 && !speech.OfType<AgentMark>().Any(m => m.Name == "sentence-2"); i++)
        {
            await Task.Delay(50);
        }
        lock (speech)
        {
            Assert.True(speech.OfType<AgentSpeech>().Count() > 10);
        }
    }

    [Fact]
    public async Task AnAnsweredTurnStoresWhenItsFirstAudioWentOut()
    {
        var sid = NewSid();
        var speech = await silo.ListenToAgentAsync(sid);
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550199994", "+15550100000"));
        var voiceEnded = DateTimeOffset.UtcNow;

        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Are you open on Saturday?", voiceEnded.AddSeconds(-1), voiceEnded));
        await AgentAudioListener.WaitForAsync(speech, s => s.OfType<AgentMark>().Any(m => m.Name == "reply1-0"));
        int tts = -1, voiceToVoice = -1;
        for (var i = 0; i < 50 && voiceToVoice < 0; i++)
        {
            await Task.Delay(100);
            voiceToVoice = await silo.Database.ScalarAsync<int>($"SELECT coalesce(voice_to_voice_ms, -1) FROM call_turns WHERE call_sid = '{sid}' AND seq = 1");
            tts = await silo.Database.ScalarAsync<int>($"SELECT coalesce(tts_first_audio_ms, -1) FROM call_turns WHERE call_sid = '{sid}' AND seq = 1");
        }
        var turn = (await call.GetSnapshotAsync())!.Turns[1];

        Assert.InRange(tts, 0, voiceToVoice);
        Assert.InRange(voiceToVoice, 1, (int)(DateTimeOffset.UtcNow - voiceEnded).TotalMilliseconds);
        Assert.Equal(voiceToVoice, turn.Latency.VoiceToVoiceMs);
        Assert.Equal(tts, turn.Latency.TextToSpeechFirstAudioMs);
    }

    [Fact]
    public async Task AVerifiedCallerStaysVerifiedWhenTheCallMovesToANewActivation()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550199998", "+15550100000"));
        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Hi, I'm Diego Brown, zip code 98101.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await call.WaitForTurnsAsync(2);

        await call.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);
        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Where is my order 10002?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var snapshot = await call.WaitForTurnsAsync(4);

        Assert.Contains("Order 10002 was placed", snapshot.Turns[3].Text);
        Assert.Equal(1L, await silo.Database.ScalarAsync<long>($"SELECT count(*) FROM function_calls WHERE call_sid = '{sid}' AND name = 'customer_identify_caller'"));
    }

    [Fact]
    public async Task TwoFactorsStayWithTheCallWhenItMovesSoAChangeNeedsNoThird()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        // Diego Brown's name and ZIP code, then (for the change he asks for) his own phone's caller ID: two factors.
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100015", "+15550100000"));
        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(
            Speaker.Caller, "Hi, I'm Diego Brown, zip code 98101, and I've moved.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var asked = await call.WaitForTurnsAsync(2);

        await call.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);
        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Please cancel order 10002, I no longer need it.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var snapshot = await call.WaitForTurnsAsync(4);

        Assert.Contains("What's your new address", asked.Turns[1].Text);
        Assert.StartsWith("Order 10002 is shipped, so it can't be cancelled", snapshot.Turns[3].Text);
    }

    [Fact]
    public async Task ARatingKeyedOnThePhoneIsHeardWhereANumberIsExpected()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550199996", "+15550100000"));
        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "That's all, thanks, bye.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var asked = await call.WaitForTurnsAsync(2);

        await call.PressAsync("7");
        await call.PressAsync("*");
        await call.PressAsync("4");
        await call.PressAsync("#");
        var rated = await call.WaitForTurnsAsync(4);

        Assert.Contains("from one to five", asked.Turns[1].Text);
        Assert.Equal("4", rated.Turns[2].Text);
        Assert.Contains("Goodbye", rated.Turns[3].Text);
        Assert.Equal((short)4, await silo.Database.ScalarAsync<short>($"SELECT rating FROM csat_ratings WHERE call_sid = '{sid}'"));
        await Assert.ThrowsAsync<ArgumentException>(() => call.PressAsync("x"));
    }

    [Fact]
    public async Task ASilentCallerIsAskedOnceThenTheCallEndsPolitely()
    {
        var sid = NewSid();
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550199995", "+15550100000"));

        await call.GreetAsync();
        CallSnapshot snapshot;
        var waited = 0;
        do
        {
            await Task.Delay(250);
            snapshot = (await call.GetSnapshotAsync())!;
        }
        while (snapshot.Status != CallStatus.Ended && ++waited < 120);

        Assert.Equal(CallOutcome.NoAnswer, snapshot.Outcome);
        Assert.Equal(3, snapshot.Turns.Count);
        Assert.StartsWith("Are you still there?", snapshot.Turns[1].Text);
        Assert.Contains("goodbye", snapshot.Turns[2].Text);
    }

    /// <summary>Diego asks about his order, and the carrier echoes the mark after the agent's first sentence.</summary>
    async Task<(string Sid, ICallGrain Call, List<AgentAudio> Speech, string WholeReply)> HearTheOrderReplysFirstSentenceAsync()
    {
        var sid = NewSid();
        var speech = await silo.ListenToAgentAsync(sid);
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        var diego = await silo.Database.ScalarAsync<string>("SELECT phone FROM customers WHERE name = 'Diego Brown' AND zip = '98101'");
        await call.StartAsync(new CallStart(CallDirection.Inbound, diego, "+15550100000"));
        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Where is my order 10002?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        var whole = (await call.WaitForTurnsAsync(2)).Turns[1].Text;
        await AgentAudioListener.WaitForAsync(speech, s => s.OfType<AgentMark>().Any(m => m.Name == "reply1-0"));
        await call.HeardAsync("reply1-0");
        return (sid, call, speech, whole);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABargeInKeepsOnlyTheSentencesTheCarrierSaysWereHeard(bool pausedByTheFirstVoice)
    {
        var (sid, call, speech, whole) = await HearTheOrderReplysFirstSentenceAsync();
        if (pausedByTheFirstVoice)
        {
            await call.Cast<ICallHearingGrain>().CallerMayBeSpeakingAsync();
        }

        await call.Cast<ICallHearingGrain>().CallerStartedSpeakingAsync();
        var paused = (await call.GetSnapshotAsync())!;
        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Wait, which order was that?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));

        var snapshot = (await call.GetSnapshotAsync())!;
        Assert.Equal((CallStatus.Speaking, whole), (paused.Status, paused.Turns[1].Text));      // the words were not known yet
        Assert.StartsWith("Hi Diego, I see you're calling from the number on your account.", whole);
        Assert.Equal("Hi Diego, I see you're calling from the number on your account.", snapshot.Turns[1].Text);
        Assert.True(snapshot.Turns[1].Interrupted);
        Assert.Equal("Wait, which order was that?", snapshot.Turns[2].Text);
        Assert.True(await silo.Database.ScalarAsync<bool>($"SELECT interrupted AND text = '{snapshot.Turns[1].Text.Replace("'", "''")}' FROM call_turns WHERE call_sid = '{sid}' AND seq = 1"));
        await AgentAudioListener.WaitForAsync(speech, s => s.OfType<AgentClear>().Any());
        lock (speech)
        {
            Assert.Single(speech.OfType<AgentClear>());
        }
    }

    [Fact]
    public async Task AnAcknowledgementOverTheAgentLetsItGoOnAndTheWholeReplyIsKept()
    {
        var (_, call, speech, whole) = await HearTheOrderReplysFirstSentenceAsync();
        await call.Cast<ICallHearingGrain>().CallerMayBeSpeakingAsync();
        await call.Cast<ICallHearingGrain>().CallerStartedSpeakingAsync();

        await call.Cast<ICallHearingGrain>().HearAsync(new NewTurn(Speaker.Caller, "Mm-hm.", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));

        // The rest of the reply is spoken again from the sentence the pause cut, and the reply is stored whole.
        await AgentAudioListener.WaitForAsync(speech, s => s.SkipWhile(a => a is not AgentClear).OfType<AgentMark>().Any(m => m.Name == "reply1-1"));
        var snapshot = (await call.GetSnapshotAsync())!;
        Assert.Equal(whole, snapshot.Turns[1].Text);
        Assert.False(snapshot.Turns[1].Interrupted);
        Assert.Equal("Mm-hm.", snapshot.Turns[2].Text);
        Assert.Equal(3, snapshot.Turns.Count);                    // nothing answers the acknowledgement
        Assert.Equal(CallStatus.Speaking, snapshot.Status);
    }

    /// <summary>The order reply, its first sentence heard, paused by a voice: where the carrier was told to clear.</summary>
    async Task<(ICallGrain Call, List<AgentAudio> Speech, string WholeReply, int ClearedAt)> PauseTheOrderReplyAsync()
    {
        var (_, call, speech, whole) = await HearTheOrderReplysFirstSentenceAsync();

        await call.Cast<ICallHearingGrain>().CallerMayBeSpeakingAsync();

        await AgentAudioListener.WaitForAsync(speech, s => s.OfType<AgentClear>().Any());
        lock (speech)
        {
            var clearedAt = speech.FindIndex(a => a is AgentClear);
            Assert.True(clearedAt >= 0, "the agent was never paused");
            return (call, speech, whole, clearedAt);
        }
    }

    /// <summary>Nothing was cut: the reply is whole, still being spoken, and its second sentence is spoken again after the clear.</summary>
    static async Task AssertTheReplyGoesOnAsync(ICallGrain call, List<AgentAudio> speech, string whole, int clearedAt)
    {
        await AgentAudioListener.WaitForAsync(speech, s => s.Skip(clearedAt).OfType<AgentMark>().Any(m => m.Name == "reply1-1"));
        var snapshot = (await call.GetSnapshotAsync())!;
        Assert.Equal(whole, snapshot.Turns[1].Text);
        Assert.False(snapshot.Turns[1].Interrupted);
        Assert.Equal(CallStatus.Speaking, snapshot.Status);
        lock (speech)
        {
            Assert.Contains(speech.Skip(clearedAt).OfType<AgentMark>(), m => m.Name == "reply1-1");
            Assert.IsType<AgentSpeech>(speech[clearedAt + 1]);
        }
    }

    [Fact]
    public async Task AFalseStartPausesTheAgentThenItGoesOnFromTheSentenceThatWasCutOff()
    {
        var (call, speech, whole, clearedAt) = await PauseTheOrderReplyAsync();

        await call.Cast<ICallHearingGrain>().CallerFalseStartAsync();

        await AssertTheReplyGoesOnAsync(call, speech, whole, clearedAt);
    }

    [Fact]
    public async Task APauseTheVadNeverResolvesEndsAsAFalseStart()
    {
        // Neither speech nor a false start follows (the recognizer was lost with its silo): after a few seconds the
        // agent goes on by itself.
        var (call, speech, whole, clearedAt) = await PauseTheOrderReplyAsync();

        await AssertTheReplyGoesOnAsync(call, speech, whole, clearedAt);
    }
}
