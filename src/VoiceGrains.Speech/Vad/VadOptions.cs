namespace VoiceGrains.Speech.Vad;

/// <summary>
/// When speech starts and stops ("Speech:Vad" section). Hysteresis: speech begins above <see cref="Threshold"/> and
/// only ends below <see cref="NegativeThreshold"/>, so a probability hovering near one line does not flicker.
/// </summary>
public sealed record VadOptions
{
    /// <summary>A voice activity model from models/models.json.</summary>
    public string Model { get; init; } = "silero-vad";

    public float Threshold { get; init; } = 0.5f;

    public float NegativeThreshold { get; init; } = 0.35f;

    /// <summary>Speech shorter than this (a cough, a click) is never reported.</summary>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Voice this long already pauses an agent that is speaking (barge-in), before <see cref="MinSpeech"/> decides
    /// whether it is speech: the caller is not talked over, and a cough only costs the agent a restart of its sentence.
    /// </summary>
    public TimeSpan MinInterruption { get; init; } = TimeSpan.FromMilliseconds(64);

    /// <summary>
    /// Silence needed to end a segment (the caller's turn), counted from when Silero's probability falls below
    /// <see cref="NegativeThreshold"/>. Silero notices the end of a voice 90–170 ms late (measured on the example
    /// call's lines), so a turn ends about that much more after the caller's last sound; pauses inside a sentence
    /// are shorter. See BENCHMARKS.md for what 250 ms against 300 ms costs in split turns and gains in latency.
    /// </summary>
    public TimeSpan MinSilence { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Added to both edges of a segment, as Silero's own post-processing does.</summary>
    public TimeSpan SpeechPad { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>What is wrong with these settings, or null when they can run.</summary>
    public string? Problem() =>
        Threshold is <= 0 or >= 1 || NegativeThreshold <= 0 || NegativeThreshold > Threshold
            ? $"VAD thresholds must satisfy 0 < negative ({NegativeThreshold}) <= threshold ({Threshold}) < 1."
            : MinSpeech < TimeSpan.Zero || MinInterruption < TimeSpan.Zero || MinSilence < TimeSpan.Zero || SpeechPad < TimeSpan.Zero
                ? "VAD durations cannot be negative."
                : null;
}
