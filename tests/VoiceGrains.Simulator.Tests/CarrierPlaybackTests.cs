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
        playback.Add(new byte[160], 0);
        playback.Add(new byte[160], 0);
        playback.AddMark("after-two-frames");

        Assert.Equal(["before-anything"], playback.Tick(out _, 20));
        Assert.Equal(["after-two-frames"], playback.Tick(out _, 20));
        Assert.True(playback.IsEmpty);
    }

    [Fact]
    public void ClearDropsTheBufferedAudioAndEchoesThePendingMarks()
    {
        var playback = new CarrierPlayback();
        playback.Add(new byte[160], 0);
        playback.AddMark("first");
        playback.Add(new byte[160], 0);
        playback.AddMark("second");

        Assert.Equal(["first", "second"], playback.Clear());
        Assert.True(playback.IsEmpty);
        Assert.Empty(playback.Tick(out _, 20));
    }

    [Fact]
    public void AudioThatRunsOutMidSentenceIsNotTheEndOfOne()
    {
        var playback = new CarrierPlayback();
        playback.Add(new byte[160], 0);
        playback.Add(new byte[160], 0);

        playback.Tick(out _, 20);
        playback.Tick(out _, 20);
        var stalled = playback.AtSentenceEnd;
        playback.Add(new byte[160], 0);
        playback.AddMark("sentence-0");
        playback.Tick(out _, 20);

        Assert.False(stalled);
        Assert.True(playback.AtSentenceEnd);
        Assert.True(playback.IsEmpty);
    }

    [Fact]
    public void EachTickPlaysTheNextFrameInTheOrderReceivedAndNothingOnceTheBufferIsEmpty()
    {
        var playback = new CarrierPlayback();
        byte[] first = [1], second = [2];
        playback.Add(first, 0);
        playback.AddMark("between");
        playback.Add(second, 0);

        playback.Tick(out var one, 20);
        playback.Tick(out var two, 40);
        playback.Tick(out var none, 60);

        Assert.Same(first, one);
        Assert.Same(second, two);
        Assert.Null(none);
    }

    [Fact]
    public void AFrameIsNotPlayedAtATickBeforeItArrived()
    {
        // A tick loop that fell behind catches up with ticks stamped before now: audio that came after a tick's time
        // waits for a later tick, as a carrier cannot play what it has not been sent.
        var playback = new CarrierPlayback();
        byte[] late = [1];
        playback.Add(late, 300);

        playback.Tick(out var early, 280);
        playback.Tick(out var due, 300);

        Assert.Null(early);
        Assert.Same(late, due);
    }

    [Fact]
    public void AMarkThatComesAfterItsSentenceHasPlayedEndsItLate()
    {
        // The front end sends a sentence's mark after its last audio; the phone may have played that audio already.
        var playback = new CarrierPlayback();
        playback.Add(new byte[160], 0);
        playback.Tick(out _, 20);
        var beforeTheMark = playback.AtSentenceEnd;
        playback.AddMark("sentence-0");

        Assert.Equal(["sentence-0"], playback.Tick(out _, 40));
        Assert.False(beforeTheMark);
        Assert.False(playback.AtSentenceEnd);
        Assert.True(playback.SentenceEndedLate);
        playback.Add(new byte[160], 40);
        playback.Tick(out _, 60);
        Assert.False(playback.SentenceEndedLate);
    }
}
