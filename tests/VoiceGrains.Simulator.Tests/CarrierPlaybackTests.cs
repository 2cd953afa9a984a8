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

        Assert.Equal(["before-anything"], playback.Tick(out _));
        Assert.Equal(["after-two-frames"], playback.Tick(out _));
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
        Assert.Empty(playback.Tick(out _));
    }

    [Fact]
    public void AudioThatRunsOutMidSentenceIsNotTheEndOfOne()
    {
        var playback = new CarrierPlayback();
        playback.Add(new byte[160]);
        playback.Add(new byte[160]);

        playback.Tick(out _);
        playback.Tick(out _);
        var stalled = playback.AtSentenceEnd;
        playback.Add(new byte[160]);
        playback.AddMark("sentence-0");
        playback.Tick(out _);

        Assert.False(stalled);
        Assert.True(playback.AtSentenceEnd);
        Assert.True(playback.IsEmpty);
    }

    [Fact]
    public void EachTickPlaysTheNextFrameInTheOrderReceivedAndNothingOnceTheBufferIsEmpty()
    {
        var playback = new CarrierPlayback();
        byte[] first = [1], second = [2];
        playback.Add(first);
        playback.AddMark("between");
        playback.Add(second);

        playback.Tick(out var one);
        playback.Tick(out var two);
        playback.Tick(out var none);

        Assert.Same(first, one);
        Assert.Same(second, two);
        Assert.Null(none);
    }

    [Fact]
    public void AMarkThatComesAfterItsSentenceHasPlayedEndsItLate()
    {
        // The front end sends a sentence's mark after its last audio; the phone may have played that audio already.
        var playback = new CarrierPlayback();
        playback.Add(new byte[160]);
        playback.Tick(out _);
        var beforeTheMark = playback.AtSentenceEnd;
        playback.AddMark("sentence-0");

        Assert.Equal(["sentence-0"], playback.Tick(out _));
        Assert.False(beforeTheMark);
        Assert.False(playback.AtSentenceEnd);
        Assert.True(playback.SentenceEndedLate);
        playback.Add(new byte[160]);
        playback.Tick(out _);
        Assert.False(playback.SentenceEndedLate);
    }
}
