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

    static TimeSpan Tick(int frame) => TimeSpan.FromMilliseconds(frame * Frames.Milliseconds);

    static double Energy(IEnumerable<byte[]> frames) => frames.Sum(f => MuLaw.DecodeToFloat(f).Sum(s => (double)s * s));

    /// <summary>Plays the agent's frames over a speakerphone; the caller says <paramref name="caller"/> from frame <paramref name="from"/>.</summary>
    /// <remarks><paramref name="stampLead"/>: how far the carrier's timestamps run ahead of the front end's clock.</remarks>
    static (List<byte[]> Heard, List<byte[]> Cleaned) Call(
        LineEchoRemover remover, List<byte[]> agent, List<byte[]>? caller = null, int from = 0, int stampLead = 0)
    {
        var path = new SpeakerphoneEchoPath(new SpeakerphoneEcho(20, TimeSpan.FromMilliseconds(150)));
        foreach (var frame in agent)
        {
            remover.Sent(frame, TimeSpan.Zero);
        }
        var (heard, cleaned) = (new List<byte[]>(), new List<byte[]>());
        for (var i = 0; i < agent.Count; i++)
        {
            var said = caller is not null && i >= from && i - from < caller.Count ? caller[i - from] : Silence;
            heard.Add(path.Mix(said));
            cleaned.Add(remover.Clean(heard[^1], Tick(i) + TimeSpan.FromMilliseconds(stampLead), Tick(i)));
            path.Played(agent[i]);
        }
        return (heard, cleaned);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]   // the simulator's stamps can run ahead of the front end's clock
    [InlineData(-150)]  // Twilio's lag it by the network
    public void TheAgentsEchoIsTakenOutOnceTheCancellerHasLearntThePath(int stampLead)
    {
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();

        var (heard, cleaned) = Call(remover, agent, stampLead: stampLead);

        // Once the canceller has learnt the path (about 5 s of the agent; JFK speaks for 11 s).
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
    public void CallerAudioHandledLateIsPairedWithWhatPlayedWhenItWasCapturedNotWithAudioSentSince()
    {
        // The carrier runs dry for 1 s between two replies; the front end, behind, handles all the caller's audio only
        // after both were sent. Paired by order, the second reply's echo would meet a reference 1 s early, past the tail.
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();
        var (first, second) = (agent[..(agent.Count / 2)], agent[(agent.Count / 2)..]);
        var gap = 1000 / Frames.Milliseconds;
        var played = first.Concat(Enumerable.Repeat<byte[]?>(null, gap)).Concat(second).ToList();
        foreach (var frame in first)
        {
            remover.Sent(frame, TimeSpan.Zero);
        }
        foreach (var frame in second)
        {
            remover.Sent(frame, Tick(first.Count + gap));
        }
        var path = new SpeakerphoneEchoPath(new SpeakerphoneEcho(20, TimeSpan.FromMilliseconds(150)));
        var (heard, cleaned) = (new List<byte[]>(), new List<byte[]>());
        for (var i = 0; i < played.Count; i++)
        {
            heard.Add(path.Mix(Silence));
            // On time for the first frames; from then on, those captured before the second reply was sent are handled
            // in a burst once it has been.
            var arrived = i < 10 || i > first.Count + gap ? Tick(i) : Tick(first.Count + gap) + TimeSpan.FromMilliseconds(i * 0.01);
            cleaned.Add(remover.Clean(heard[^1], Tick(i), arrived));
            path.Played(played[i]);
        }

        var late = first.Count + gap + second.Count / 2;
        var reduction = 10 * Math.Log10(Energy(heard.Skip(late)) / Energy(cleaned.Skip(late)));
        Assert.True(reduction >= 20, $"echo reduced by {reduction:0.0} dB");
    }

    [Fact]
    public void WithNoAgentAudioTheLinePassesUntouched()
    {
        using var remover = new LineEchoRemover(Tail);

        var agent = Agent();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(agent[i], remover.Clean(agent[i], Tick(i), Tick(i)));
        }
    }

    [Fact]
    public void OnceTheCarrierIsClearedTheLinePassesUntouchedAfterTheTail()
    {
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();
        foreach (var frame in agent)
        {
            remover.Sent(frame, TimeSpan.Zero);
        }
        remover.Clean(Silence, Tick(0), Tick(0));

        remover.Cleared(Tick(1));
        var tailFrames = (int)(Tail.TotalMilliseconds / Frames.Milliseconds);
        for (var i = 1; i <= tailFrames + 1; i++)
        {
            remover.Clean(agent[i], Tick(i), Tick(i));
        }

        Assert.Equal(agent[^1], remover.Clean(agent[^1], Tick(tailFrames + 2), Tick(tailFrames + 2)));
    }

    [Fact]
    public void AudioThatIsNotWholeFramesPassesAsItIs()
    {
        using var remover = new LineEchoRemover(Tail);
        var agent = Agent();
        remover.Sent(agent[0], TimeSpan.Zero);
        var half = agent[1][..80];

        Assert.Equal(half, remover.Clean(half, TimeSpan.Zero, TimeSpan.Zero));
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
