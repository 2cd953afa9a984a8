namespace VoiceGrains.Audio.Echo;

/// <summary>
/// Silences what is left of the echo after cancellation: a frame, after the canceller, quieter than
/// <see cref="MarginDb"/> below the loudest agent audio played within the tail is taken for echo and zeroed.
/// The canceller alone is not enough: SpeexDSP's filter starts knowing nothing of the echo path and its residue made
/// the VAD hear voice in the first two agent sentences (about 5 s of speech; BENCHMARKS.md, "Echo"), and in the
/// end-to-end test a stall of the simulated phone moved its playback by more than the tail and the filter had to learn
/// again. Silero hears speech in that residue even 20 dB further down, so the gate zeroes rather than attenuates.
/// An echo with less loss than the margin gets through wherever the canceller has not taken it out. The price, while
/// the agent speaks: a caller's sounds quieter than the margin are dropped, so a barge-in's voice is noticed later
/// (measured: p50 +40 to +60 ms). Not thread-safe: its remover's lock covers it.
/// </summary>
sealed class EchoGate(int tailFrames)
{
    public const double MarginDb = 20;

    static readonly double Margin = Math.Pow(10, -MarginDb / 20);

    readonly Queue<double> playedLevels = new();

    /// <summary>One frame: what was playing, and the canceller's output, zeroed when it is taken for echo.</summary>
    public void Apply(ReadOnlySpan<short> played, Span<short> cleaned)
    {
        playedLevels.Enqueue(Pcm.Rms(played));
        if (playedLevels.Count > tailFrames)
        {
            playedLevels.Dequeue();
        }
        if (Pcm.Rms(cleaned) < playedLevels.Max() * Margin)
        {
            cleaned.Clear();
        }
    }
}
