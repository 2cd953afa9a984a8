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

    [Fact]
    public void TheJitterBufferRestoresOrderAndConcealsALostFrame()
    {
        var buffer = new JitterBuffer<string>(depth: 3, silence: "silence");
        var played = new List<string>();
        void Drain()
        {
            while (buffer.TryTake(out var frame, out _))
            {
                played.Add(frame);
            }
        }

        Assert.Equal(JitterAdd.Accepted, buffer.Add(10, "a"));
        Drain();
        Assert.Equal(JitterAdd.Accepted, buffer.Add(12, "c"));
        Assert.Equal(JitterAdd.Accepted, buffer.Add(11, "b"));
        Assert.Equal(JitterAdd.Duplicate, buffer.Add(12, "c again"));
        Drain();
        Assert.Equal(JitterAdd.Late, buffer.Add(11, "b again"));
        buffer.Add(14, "e");
        buffer.Add(15, "f");
        Drain();                                  // 13 is missing: nothing yet, the buffer is not full
        buffer.Add(16, "g");
        Drain();                                  // full: 13 is concealed

        Assert.Equal(["a", "b", "c", "silence", "e", "f", "g"], played);
    }
}
