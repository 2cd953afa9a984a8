namespace VoiceGrains.Audio;

/// <summary>
/// Puts sequence-numbered frames back in order before playout. It holds up to <c>depth</c> frames; a frame
/// that is still missing when the buffer is that full is given up on and replaced by silence (concealment),
/// so one lost packet costs 20 ms of silence instead of stalling the stream. Not thread-safe: one per stream.
/// </summary>
public sealed class JitterBuffer<T>(int depth, T silence)
{
    readonly SortedDictionary<long, T> frames = [];
    long? next;

    public int Depth { get; } = depth > 0 ? depth : throw new ArgumentOutOfRangeException(nameof(depth));

    public int Count => frames.Count;

    public JitterAdd Add(long sequence, T frame)
    {
        next ??= sequence;
        if (sequence < next)
        {
            return JitterAdd.Late;
        }
        return frames.TryAdd(sequence, frame) ? JitterAdd.Accepted : JitterAdd.Duplicate;
    }

    /// <summary>The next frame in order; silence for a frame given up on; false while waiting is still worth it.</summary>
    public bool TryTake(out T frame, out bool concealed)
    {
        concealed = false;
        if (next is { } expected && frames.Remove(expected, out frame!))
        {
            next = expected + 1;
            return true;
        }
        if (frames.Count >= Depth)
        {
            next++;
            frame = silence;
            concealed = true;
            return true;
        }
        frame = default!;
        return false;
    }
}
