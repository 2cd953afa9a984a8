namespace VoiceGrains.Speech.Stt;

/// <summary>
/// How much of Whisper's encoder an utterance needs. Whisper encodes a fixed 30 s window as 1,500 frames (50 a second,
/// whisper.cpp's audio_ctx); on a short utterance almost all of that is padding, and the encoder's cost grows with the
/// frames it runs over. Fitting the context to the utterance (Whisper.net's WithAudioContextSize) keeps the cost in
/// proportion to the audio. Sizes are rounded up to <see cref="Step"/> frames so that processors, which are built for
/// one size, can be pooled per size; the margin keeps words near the end from being cut (too small a context is known to
/// make the decoder repeat itself, which <see cref="RepetitionGuard"/> catches).
/// </summary>
public static class AudioContextSize
{
    /// <summary>Whisper's whole window: 30 s of audio.</summary>
    public const int Full = 1500;

    const int FramesPerSecond = 50;

    /// <summary>Sizes come in steps of 64 frames (1.28 s of audio).</summary>
    public const int Step = 64;

    /// <summary>The encoder frames for an utterance of this length, with a margin of frames, or the full window.</summary>
    public static int For(TimeSpan audio, int margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        var needed = (int)Math.Ceiling(audio.TotalSeconds * FramesPerSecond) + margin;
        return Math.Clamp((needed + Step - 1) / Step * Step, Step, Full);
    }
}
