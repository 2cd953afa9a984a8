using System.Collections.Concurrent;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;

namespace VoiceGrains.Speech.Tts;

/// <summary>
/// Telephone audio of the phrases the agent says word for word (the greeting, "one moment", goodbyes, prompts),
/// synthesized once for one voice when the silo starts, so their first audio costs no synthesis. Only phrases named at
/// warm-up are kept: replies carry callers' details, which are never held beyond their call.
/// </summary>
public sealed class PhraseCache(ITextToSpeechEngine voice)
{
    readonly ConcurrentDictionary<string, byte[]> audio = new(StringComparer.Ordinal);

    public ITextToSpeechEngine Voice { get; } = voice;

    public int Count => audio.Count;

    /// <summary>The phrase's 8 kHz μ-law audio, when it was warmed.</summary>
    public byte[]? Find(string phrase) => audio.GetValueOrDefault(phrase);

    /// <summary>Synthesizes each phrase not yet cached, one job at a time on the pool.</summary>
    public async Task WarmAsync(IEnumerable<string> phrases, InferencePool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        ArgumentNullException.ThrowIfNull(pool);
        foreach (var phrase in phrases.Where(p => !string.IsNullOrWhiteSpace(p) && !audio.ContainsKey(p)).Distinct(StringComparer.Ordinal))
        {
            var spoken = await pool.RunAsync("tts", token => Task.FromResult(Telephone(Voice, phrase, token)), cancellationToken);
            audio[phrase] = spoken.Value;
        }
    }

    /// <summary>A sentence made speakable, synthesized, resampled to 8 kHz and μ-law encoded: CPU work for the pool.</summary>
    internal static byte[] Telephone(ITextToSpeechEngine voice, string sentence, CancellationToken cancellationToken)
    {
        var samples = voice.Synthesize(SpokenText.Normalize(sentence), cancellationToken);
        return MuLaw.EncodeFromFloat(Resampler.Convert(samples, voice.SampleRate, Frames.TelephonyRate));
    }
}
