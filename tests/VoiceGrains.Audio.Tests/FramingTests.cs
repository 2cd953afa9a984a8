namespace VoiceGrains.Audio.Tests;

public sealed class FramingTests
{
    [Fact]
    public void MuLawAudioIsCutIntoTwentyMillisecondFramesWithASilentTail()
    {
        var audio = Enumerable.Range(0, 400).Select(i => (byte)(i % 100)).ToArray();

        var frames = Frames.SplitMuLaw(audio);

        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal(160, f.Length));
        Assert.Equal(audio[320..], frames[2][..80]);
        Assert.All(frames[2][80..], b => Assert.Equal(Frames.MuLawSilence, b));
    }

    [Fact]
    public void BlocksOfAnySizeComeOutAsWholeFrames()
    {
        var accumulator = new FrameAccumulator<float>(160);

        var first = accumulator.Push(new float[100]);
        var second = accumulator.Push(Enumerable.Range(0, 300).Select(i => (float)i).ToArray());

        Assert.Empty(first);
        Assert.Equal(2, second.Count);
        Assert.Equal(59f, second[0][^1]);
        Assert.Equal(80, accumulator.Pending);
    }
}
