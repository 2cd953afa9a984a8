using VoiceGrains.Audio.Echo;
using VoiceGrains.Simulator;
using VoiceGrains.Testing;

namespace VoiceGrains.Audio.Tests;

/// <summary>
/// The front end's echo removal on real speech: the agent's side is the JFK recording, sent to the carrier as the
/// front end sends it, played one frame per 20 ms and sent back by the simulator's speakerphone 20 dB down.
/// </summary>
public sealed class LineEchoRemoverTests
{
    static readonly byte[] Silence = Enumerable.Repeat(Frames.MuLawSilence, Frames.TelephonyFrameBytes).ToArray();
    static readonly TimeSpan Tail = TimeSpan.FromMilliseconds(500);

    static List<byte[]> Telephone(AudioClip clip) => Frames.SplitMuLaw(MuLaw.EncodeFromFloat(SpeechRecordings.AsTelephone(clip).Samples));

    static List<byte[]> Agent() => Telephone(WavFile.Read(SharedData.PathOf("audio", "jfk.wav")));

    static double Energy(IEnumerable<byte[]> frames) => frames.Sum(f => MuLaw.DecodeToFloat(f).Sum(s => (double)s * s));

    /// <summary>Plays the agent's frames over a speakerphone; the caller says <paramref name="caller"/> from frame <paramref name="from"/>.</summary>
    static (List<byte[]> Heard, List<byte[]> Cleaned) Call(LineEchoRemover remover, List<byte[]> agent, List<byte[]>? caller = null, int from = 0)
    {
        var path = new SpeakerphoneEchoPath(new SpeakerphoneEcho(20, TimeSpan.FromMilliseconds(150)));
        foreach (var frame in agent)
        {
            remover.Sent(frame);
        }
        var (heard, cleaned) = (new List<byte[]>(), new List<byte[]>());
        for (var i = 0; i < agent.Count; i++)
        {
            var said = caller is not null && i >= from && i - from < caller.Count ? caller[i - from] : Silence;
            heard.Add(path.Mix(said));
            cleaned.Add(remover.Clean(heard[^1]));
            path.Played(agent[i]);
        }
        return (heard, cleaned);
    }

    [Fact]
    public void TheAgentsEchoIsTakenOutOnceTheCancellerHasLearntThePath()
    {
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();

        var (heard, cleaned) = Call(remover, agent);

        // After the learning gate has opened (it needs 5 s of the agent and a pause; JFK's pauses are long enough).
        var late = agent.Count / 2;
        var reduction = 10 * Math.Log10(Energy(heard.Skip(late)) / Energy(cleaned.Skip(late)));
        Assert.True(reduction >= 20, $"echo reduced by {reduction:0.0} dB");
    }

    [Fact]
    public void ACallerTalkingOverTheEchoIsKept()
    {
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();
        var caller = Telephone(SpeechRecordings.All().First(r => r.Transcript is not null).Clip);
        var from = agent.Count - caller.Count - 10;

        var (_, cleaned) = Call(remover, agent, caller, from);

        // SpeexDSP's residual-echo suppression takes some of the caller's level while both talk (measured −6.6 dB);
        // without it the first sentences' residue made the VAD hear voice (BENCHMARKS.md, "Echo").
        var kept = 10 * Math.Log10(Energy(cleaned.Skip(from).Take(caller.Count)) / Energy(caller));
        Assert.True(kept is > -10 and < 1, $"the caller's speech came through at {kept:0.0} dB");
    }

    [Fact]
    public void WithNoAgentAudioTheLinePassesUntouched()
    {
        using var remover = new LineEchoRemover(Tail);

        foreach (var frame in Agent().Take(100))
        {
            Assert.Equal(frame, remover.Clean(frame));
        }
    }

    [Fact]
    public void OnceTheCarrierIsClearedTheLinePassesUntouchedAfterTheTail()
    {
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();
        foreach (var frame in agent)
        {
            remover.Sent(frame);
        }
        remover.Clean(Silence);

        remover.Cleared();
        var tailFrames = (int)(Tail.TotalMilliseconds / Frames.Milliseconds);
        for (var i = 0; i <= tailFrames; i++)
        {
            remover.Clean(agent[i]);
        }

        Assert.Equal(agent[^1], remover.Clean(agent[^1]));
    }

    [Fact]
    public void AudioThatIsNotWholeFramesPassesAsItIs()
    {
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();
        remover.Sent(agent[0]);
        var half = agent[1][..80];

        Assert.Equal(half, remover.Clean(half));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(2500)]
    public void AnEchoTailOutsideOneFrameToTwoSecondsIsRefused(int milliseconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EchoCanceller(Frames.TelephonyRate, TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void TheCancellerTakesOnlyWholeFrames()
    {
        using var canceller = new EchoCanceller(Frames.TelephonyRate, Tail);

        Assert.Throws<ArgumentException>(() => canceller.Cancel(new short[80], new short[80], new short[80]));
    }
}
