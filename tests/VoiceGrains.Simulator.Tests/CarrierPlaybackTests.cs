using VoiceGrains.Simulator;

namespace VoiceGrains.Simulator.Tests;

/// <summary>The simulated carrier echoes marks as Twilio's Media Streams documentation says it does.</summary>
public sealed class CarrierPlaybackTests
{
    [Fact]
    public void AMarkIsEchoedOnceTheAudioBeforeItHasPlayedAndAtOnceWhenNothingIsBuffered()
    {
        var playback = new CarrierPlayback();
        playback.AddMark("before-anything");
        playback.Add(new byte[160]);
        playback.Add(new byte[160]);
        playback.AddMark("after-two-frames");

        Assert.Equal(["before-anything"], playback.Tick());
        Assert.Equal(["after-two-frames"], playback.Tick());
        Assert.True(playback.IsEmpty);
    }

    [Fact]
    public void ClearDropsTheBufferedAudioAndEchoesThePendingMarks()
    {
        var playback = new CarrierPlayback();
        playback.Add(new byte[160]);
        playback.AddMark("first");
        playback.Add(new byte[160]);
        playback.AddMark("second");

        Assert.Equal(["first", "second"], playback.Clear());
        Assert.True(playback.IsEmpty);
        Assert.Empty(playback.Tick());
    }

    [Fact]
    public void AudioThatRunsOutMidSentenceIsNotTheEndOfOne()
    {
        var playback = new CarrierPlayback();
        playback.Add(new byte[160]);
        playback.Add(new byte[160]);

        playback.Tick();
        playback.Tick();
        var stalled = playback.AtSentenceEnd;
        playback.Add(new byte[160]);
        playback.AddMark("sentence-0");
        playback.Tick();

        Assert.False(stalled);
        Assert.True(playback.AtSentenceEnd);
        Assert.True(playback.IsEmpty);
    }
}
