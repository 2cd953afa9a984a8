namespace VoiceGrains.Audio;

/// <summary>Collects samples arriving in blocks of any size and hands them out in fixed-size frames.</summary>
public sealed class FrameAccumulator<T>(int frameSize)
{
    readonly List<T> pending = new(frameSize * 2);

    public int FrameSize { get; } = frameSize > 0 ? frameSize : throw new ArgumentOutOfRangeException(nameof(frameSize));

    /// <summary>Samples waiting for a frame to fill.</summary>
    public int Pending => pending.Count;

    /// <summary>Adds samples; returns every frame they complete, in order.</summary>
    public List<T[]> Push(ReadOnlySpan<T> samples)
    {
        pending.AddRange(samples);
        var frames = new List<T[]>(pending.Count / FrameSize);
        var taken = 0;
        while (pending.Count - taken >= FrameSize)
        {
            frames.Add(pending.GetRange(taken, FrameSize).ToArray());
            taken += FrameSize;
        }
        pending.RemoveRange(0, taken);
        return frames;
    }
}
