namespace VoiceGrains.Audio.Echo;

/// <summary>
/// Silences what the caller's line brings while the echo canceller is still learning the echo path: a frame, after
/// cancellation, quieter than <see cref="MarginDb"/> below the loudest agent audio played within the tail, is taken
/// for echo and zeroed. SpeexDSP's filter starts knowing nothing of the path; measured with a −20 dB speakerphone
/// (BENCHMARKS.md, "Echo"), its residue made the VAD hear voice in the first two agent sentences (about 5 s of
/// speech) and in none after, and Silero hears speech in the residue even 20 dB further down, so the gate zeroes
/// rather than attenuates. It acts only until <see cref="LearningTime"/> of agent audio has played, ending at the
/// next pause, because it also drops a caller's quiet sounds under the agent's voice and delays a barge-in's
/// detection (measured: p50 +70 ms).
/// An echo louder than the margin passes while the filter learns. Not thread-safe: its remover's lock covers it.
/// </summary>
sealed class LearningGate(int tailFrames)
{
    public const double MarginDb = 20;

    public static readonly TimeSpan LearningTime = TimeSpan.FromSeconds(5);

    static readonly double Margin = Math.Pow(10, -MarginDb / 20);

    readonly Queue<double> playedLevels = new();
    int learntFrames;
    bool learnt;

    /// <summary>One frame: what was playing, and the canceller's output, zeroed when it is taken for echo.</summary>
    public void Apply(ReadOnlySpan<short> played, Span<short> cleaned)
    {
        if (learnt)
        {
            return;
        }
        var level = Pcm.Rms(played);
        learntFrames += level > 0 ? 1 : 0;
        playedLevels.Enqueue(level);
        if (playedLevels.Count > tailFrames)
        {
            playedLevels.Dequeue();
        }
        // Opened only once no echo can be on the line: opened under an echo, the residue that starts up out of the
        // zeroed frames sounds to the VAD like a voice beginning.
        learnt = learntFrames * Frames.Milliseconds >= LearningTime.TotalMilliseconds && playedLevels.All(l => l == 0);
        if (Pcm.Rms(cleaned) < playedLevels.Max() * Margin)
        {
            cleaned.Clear();
        }
    }
}
