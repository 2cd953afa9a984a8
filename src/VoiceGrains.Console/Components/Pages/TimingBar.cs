using System.Globalization;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Console.Components.Pages;

/// <summary>
/// A turn's latency as one bar: recognition, the agent's first words and the first audio, in proportion, within the
/// voice-to-voice time (what is left of it is the end-of-turn wait and the hops between them).
/// </summary>
sealed record TimingBar(string Title, IReadOnlyList<TimingBar.Part> Parts)
{
    public sealed record Part(string Css, double Percent);

    /// <summary>Null for a turn with no voice-to-voice time (a caller turn, or one never heard).</summary>
    public static TimingBar? For(TurnLatency latency)
    {
        ArgumentNullException.ThrowIfNull(latency);
        if (latency.VoiceToVoiceMs is not ({ } total and > 0))
        {
            return null;
        }
        var stages = new[] { ("stt", latency.SpeechToTextMs), ("llm", latency.LlmFirstTokenMs), ("tts", latency.TextToSpeechFirstAudioMs) };
        var parts = new List<Part>();
        var used = 0.0;
        foreach (var (css, ms) in stages)
        {
            if (ms is { } value and > 0)
            {
                var percent = Math.Min(100 - used, 100.0 * value / total);
                parts.Add(new Part(css, percent));
                used += percent;
            }
        }
        parts.Add(new Part("rest", 100 - used));
        var title = string.Create(CultureInfo.InvariantCulture,
            $"voice-to-voice {total} ms (recognition {latency.SpeechToTextMs?.ToString(CultureInfo.InvariantCulture) ?? "—"}, agent {latency.LlmFirstTokenMs?.ToString(CultureInfo.InvariantCulture) ?? "—"}, first audio {latency.TextToSpeechFirstAudioMs?.ToString(CultureInfo.InvariantCulture) ?? "—"})");
        return new TimingBar(title, parts);
    }
}
