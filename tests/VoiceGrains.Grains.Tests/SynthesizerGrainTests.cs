using Orleans.Streams;
using VoiceGrains.Audio;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Tests;

public sealed class SynthesizerGrainTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    [Fact]
    public async Task SentencesBecomeTelephoneSpeechWithAMarkAfterEachInOrder()
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var heard = await silo.ListenToAgentAsync(sid);

        await silo.Grains.GetGrain<ISynthesizerGrain>(sid).SpeakAsync(["Hello, this is Northwind.", "Your order 10482 shipped."]);
        await AgentAudioListener.WaitForAsync(heard, h => h.OfType<AgentMark>().Count() == 2);

        lock (heard)
        {
            Assert.Equal(["sentence-0", "sentence-1"], heard.OfType<AgentMark>().Select(m => m.Name));
            Assert.IsType<AgentSpeech>(heard[0]);
            var firstMark = heard.FindIndex(a => a is AgentMark);
            Assert.True(heard.Skip(firstMark + 1).OfType<AgentSpeech>().Any(), "the second sentence's speech comes after the first mark");
            Assert.All(heard.OfType<AgentSpeech>(), s => Assert.Equal(0, s.MuLaw.Length % Frames.TelephonyFrameBytes));
            Assert.True(heard.OfType<AgentSpeech>().Sum(s => s.MuLaw.Length) > Frames.TelephonyRate, "more than a second of speech");
        }
    }

    [Fact]
    public async Task StoppingCutsTheSpeechOffDropsTheRestAndClears()
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var heard = await silo.ListenToAgentAsync(sid);
        var synthesizer = silo.Grains.GetGrain<ISynthesizerGrain>(sid);

        await synthesizer.SpeakAsync(["This first sentence is long enough that the caller will interrupt it before it ends.",
                                      "This one should never be heard.", "Nor this one."]);
        await AgentAudioListener.WaitForAsync(heard, h => h.OfType<AgentSpeech>().Any());
        await synthesizer.StopAsync();
        await Task.Delay(500);

        lock (heard)
        {
            Assert.IsType<AgentClear>(heard[^1]);
            Assert.True(heard.OfType<AgentMark>().Count() <= 1, string.Join(", ", heard.OfType<AgentMark>().Select(m => m.Name)));
        }
        await synthesizer.SpeakAsync(["After the interruption."]);
        await AgentAudioListener.WaitForAsync(heard, h => h[^1] is AgentMark);
        lock (heard)
        {
            Assert.IsType<AgentMark>(heard[^1]);
        }
    }

    [Fact]
    public async Task WhenTheCallerSpeaksOverTheAgentTheAgentStopsAndTheCarrierClears()
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var heard = await silo.ListenToAgentAsync(sid);
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100023", "+15550100000"));
        await silo.Grains.GetGrain<ICallHearingGrain>(sid).HearAsync(
            new NewTurn(Speaker.Caller, "What are your opening hours this week?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await AgentAudioListener.WaitForAsync(heard, h => h.OfType<AgentSpeech>().Any());

        await silo.Grains.GetGrain<ICallHearingGrain>(sid).CallerStartedSpeakingAsync();
        await Task.Delay(500);

        // Paused, not yet cut: the caller's words decide whether the agent goes on (CallConversationTests).
        Assert.Equal(CallStatus.Speaking, (await call.GetSnapshotAsync())!.Status);
        lock (heard)
        {
            Assert.IsType<AgentClear>(heard[^1]);
        }
    }
}
