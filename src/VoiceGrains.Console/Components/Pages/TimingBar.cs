using System.Globalization;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Console.Components.Pages;

/// <summary>
/// An answer's latency as one bar, in proportion within its voice-to-voice time: the caller's end-of-turn wait and
/// recognition (kept on the caller's turn it answers), the agent's first words and the first audio (kept on the answer);
/// what is left is the hops between them.
/// </summary>
sealed record TimingBar(string Title, IReadOnlyList<TimingBar.Part> Parts)
{
    public sealed record Part(string Css, double Percent);

    /// <summary>Null for a turn with no voice-to-voice time (a caller's turn, the greeting, one never heard).</summary>
    public static TimingBar? For(TurnLatency answer, TurnLatency? heard)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.VoiceToVoiceMs is not ({ } total and > 0))
        {
            return null;
        }
        var stages = new[]
        {
            ("eot", heard?.EndOfTurnMs), ("stt", heard?.SpeechToTextMs), ("llm", answer.LlmFirstTokenMs), ("tts", answer.TextToSpeechFirstAudioMs),
        };
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
            $"voice-to-voice {total} ms (end of turn {Ms(heard?.EndOfTurnMs)}, recognition {Ms(heard?.SpeechToTextMs)}, agent {Ms(answer.LlmFirstTokenMs)}, first audio {Ms(answer.TextToSpeechFirstAudioMs)})");
        return new TimingBar(title, parts);
    }

    static string Ms(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "—";
}
