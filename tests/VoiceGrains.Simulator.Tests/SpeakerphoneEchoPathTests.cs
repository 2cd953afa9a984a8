using VoiceGrains.Audio;
using VoiceGrains.Simulator;

namespace VoiceGrains.Simulator.Tests;

/// <summary>The simulated speakerphone sends the agent's audio back as configured: this late, this much quieter.</summary>
public sealed class SpeakerphoneEchoPathTests
{
    static readonly byte[] Silence = Enumerable.Repeat(Frames.MuLawSilence, Frames.TelephonyFrameBytes).ToArray();

    [Theory]
    [InlineData(20, 100)]
    [InlineData(20, 250)]
    [InlineData(6, 140)]
    public void APlayedFrameComesBackOnTheCallersLineDelayedAndAttenuated(double lossDb, int delayMs)
    {
        var path = new SpeakerphoneEchoPath(new SpeakerphoneEcho(lossDb, TimeSpan.FromMilliseconds(delayMs)));
        var loud = MuLaw.EncodeFromFloat(Enumerable.Repeat(0.5f, Frames.TelephonyFrameBytes).ToArray());
        var heard = new List<float>();
        for (var tick = 0; tick < 20; tick++)
        {
            heard.AddRange(MuLaw.DecodeToFloat(path.Mix(Silence)));
            path.Played(tick == 0 ? loud : null);
        }

        var first = heard.FindIndex(s => Math.Abs(s) > 0.001f);
        Assert.Equal(delayMs * Frames.TelephonyRate / 1000, first);
        Assert.Equal(0.5 * Math.Pow(10, -lossDb / 20), heard[first], 0.02);
        Assert.Equal(Frames.TelephonyFrameBytes, heard.Count(s => Math.Abs(s) > 0.001f));
    }

    [Fact]
    public void TheCallersOwnVoiceIsMixedWithTheEcho()
    {
        var path = new SpeakerphoneEchoPath(new SpeakerphoneEcho(20, TimeSpan.FromMilliseconds(20)));
        path.Mix(Silence);
        path.Played(MuLaw.EncodeFromFloat(Enumerable.Repeat(0.5f, Frames.TelephonyFrameBytes).ToArray()));

        var mixed = MuLaw.DecodeToFloat(path.Mix(MuLaw.EncodeFromFloat(Enumerable.Repeat(0.2f, Frames.TelephonyFrameBytes).ToArray())));

        Assert.All(mixed, s => Assert.Equal(0.25, s, 0.01));
    }

    [Theory]
    [InlineData(-1, 100)]
    [InlineData(61, 100)]
    [InlineData(20, 10)]
    [InlineData(20, 1500)]
    public void AnEchoOutsideWhatCanBeSimulatedIsRefused(double lossDb, int delayMs)
    {
        var echo = new SpeakerphoneEcho(lossDb, TimeSpan.FromMilliseconds(delayMs));

        Assert.NotNull(echo.Problem());
        Assert.Throws<ArgumentException>(() => new SpeakerphoneEchoPath(echo));
    }
}
