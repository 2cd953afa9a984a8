using Orleans.Streams;
using VoiceGrains.Audio;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Tests;

public sealed class RecognizerGrainTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    [SharedDataFact]
    public async Task EachUtteranceOnTheAudioStreamBecomesACallerTurnInOrderAndSpeechInterruptsTheAgent()
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var call = silo.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100022", "+15550100000"));
                var before = silo.Recognizer.Utterances;
        silo.Recognizer.Script("And so my fellow Americans,", "ask not", "what your country can do for you,", "ask what you can do for your country.");
        var telephone = MuLaw.EncodeFromFloat(WavFile.Read(SharedData.PathOf("audio", "jfk.wav")).ResampleTo(Frames.TelephonyRate).Samples);
        var audioIn = silo.Cluster.GetStreamProvider(StreamNames.AudioProvider).GetStream<CallerAudio>(StreamId.Create(StreamNames.AudioIn, sid));

        for (var offset = 0; offset < telephone.Length; offset += 480)
        {
            await audioIn.OnNextAsync(new CallerAudio(offset / 160, telephone[offset..Math.Min(telephone.Length, offset + 480)]));
        }
        var turns = new List<CallTurn>();
        for (var i = 0; i < 300 && turns.Count < 4; i++)
        {
            await Task.Delay(100);
            turns = (await call.GetSnapshotAsync())!.Turns.Where(t => t.Speaker == Speaker.Caller).ToList();
        }

        // Exactly the recording's four phrases reached recognition: none split, none merged, none invented.
        Assert.Equal(4, silo.Recognizer.Utterances - before);
        Assert.Equal(["And so my fellow Americans,", "ask not", "what your country can do for you,", "ask what you can do for your country."], turns.Select(t => t.Text));
        Assert.All(turns, t => Assert.NotNull(t.Latency.SpeechToTextMs));
        // Each turn keeps how long after the caller's voice ended the VAD decided the turn was over (its silence wait).
        Assert.All(turns, t => Assert.InRange(t.Latency.EndOfTurnMs!.Value, 1, 2000));
        // The caller spoke over the agent; the agent answered the last line and, once that reply has been
        // played (no carrier echoes marks here, so after its spoken length), listens again.
        var status = CallStatus.Speaking;
        for (var i = 0; i < 300 && status != CallStatus.Listening; i++)
        {
            await Task.Delay(100);
            status = (await call.GetSnapshotAsync())!.Status;
        }
        Assert.Equal(CallStatus.Listening, status);
    }
}
