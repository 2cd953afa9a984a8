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

    [SharedDataFact]
    public async Task ALineThatStopsMidSentenceWaitsForTheCallerWhoGoesOnAfterAPauseAndIsHeardAsOneLine()
    {
        var (call, before) = await StartAsync("My order number is", "one zero zero zero two.");

        await SpeakAsync(call, Telephone(pause: 0.9));
        var turns = await CallerTurnsAsync(call, 1, settle: TimeSpan.FromSeconds(3));

        // Two utterances reached recognition (the VAD ended the first in the pause); the caller was heard once.
        Assert.Equal(2, silo.Recognizer.Utterances - before);
        Assert.Equal(["My order number is one zero zero zero two."], turns.Select(t => t.Text));
    }

    [SharedDataFact]
    public async Task ALineThatStopsMidSentenceIsHeardAsItIsOnceTheCallerStaysSilentAndItsWaitCounts()
    {
        var (call, before) = await StartAsync("Um, I'd like");

        await SpeakAsync(call, Telephone(pause: null));
        var turns = await CallerTurnsAsync(call, 1, settle: TimeSpan.Zero);

        Assert.Equal(1, silo.Recognizer.Utterances - before);
        var turn = Assert.Single(turns);
        Assert.Equal("Um, I'd like", turn.Text);
        Assert.True(turn.Latency.EndOfTurnMs >= VoiceGrains.Conversation.Understanding.TurnEnding.UnfinishedWait.TotalMilliseconds, $"end of turn {turn.Latency.EndOfTurnMs} ms");
    }

    async Task<(ICallGrain Call, int RecognizedBefore)> StartAsync(params string[] lines)
    {
        var call = silo.Grains.GetGrain<ICallGrain>("CA" + Guid.NewGuid().ToString("N"));
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100022", "+15550100000"));
        var before = silo.Recognizer.Utterances;
        silo.Recognizer.Script(lines);
        return (call, before);
    }

    async Task SpeakAsync(ICallGrain call, byte[] telephone)
    {
        var audioIn = silo.Cluster.GetStreamProvider(StreamNames.AudioProvider)
            .GetStream<CallerAudio>(StreamId.Create(StreamNames.AudioIn, call.GetPrimaryKeyString()));
        for (var offset = 0; offset < telephone.Length; offset += 480)
        {
            await audioIn.OnNextAsync(new CallerAudio(offset / 160, telephone[offset..Math.Min(telephone.Length, offset + 480)]));
        }
    }

    /// <summary>The caller turns once <paramref name="count"/> are stored, and any more that come within <paramref name="settle"/>.</summary>
    static async Task<List<CallTurn>> CallerTurnsAsync(ICallGrain call, int count, TimeSpan settle)
    {
        var turns = new List<CallTurn>();
        for (var i = 0; i < 300 && turns.Count < count; i++)
        {
            await Task.Delay(100);
            turns = (await call.GetSnapshotAsync())!.Turns.Where(t => t.Speaker == Speaker.Caller).ToList();
        }
        await Task.Delay(settle);
        return (await call.GetSnapshotAsync())!.Turns.Where(t => t.Speaker == Speaker.Caller).ToList();
    }

    /// <summary>
    /// Real speech as a phone line carries it: "ten of clubs" (testdata/speech), then, after a pause of
    /// <paramref name="pause"/> s, "seven of clubs"; then 2 s of silence.
    /// </summary>
    static byte[] Telephone(double? pause)
    {
        var recordings = SpeechRecordings.All();
        var first = recordings.Single(r => r.Id == "pocketsphinx_cards_001");
        var second = recordings.Single(r => r.Id == "pocketsphinx_cards_003");
        var rate = first.Clip.SampleRate;
        var samples = new List<float>(first.Clip.Samples.AsSpan(0, (int)(first.Speech[0].End * rate)).ToArray());
        if (pause is { } seconds)
        {
            samples.AddRange(new float[(int)(seconds * rate)]);
            samples.AddRange(second.Clip.Samples.AsSpan((int)(second.Speech[0].Start * rate)).ToArray());
        }
        samples.AddRange(new float[2 * rate]);
        return MuLaw.EncodeFromFloat(new AudioClip([.. samples], rate).ResampleTo(Frames.TelephonyRate).Samples);
    }
}
