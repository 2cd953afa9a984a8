using System.Text;
using System.Text.RegularExpressions;

namespace VoiceGrains.Speech.Tts.Piper;

/// <summary>
/// A sentence as a Piper voice's phoneme ids, the way piper-phonemize makes them: espeak-ng IPA clause by clause,
/// each clause followed by its punctuation (and a space between clauses), decomposed to NFD code points, each
/// replaced per the config's phoneme_map, then ids: start <c>^</c>, pad, each phoneme's ids followed by the pad, end
/// <c>$</c>. Phonemes the map lacks are skipped and counted (Piper does the same), so the caller can say so.
/// </summary>
public sealed partial class PiperPhonemizer(EspeakEngine espeak, PiperVoiceConfig config)
{
    [GeneratedRegex(@"(?<text>[^,.;:!?]+)(?<marks>[,.;:!?]*)")]
    private static partial Regex Clause();

    public PhonemeIds ToIds(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var pad = config.PhonemeIds[PiperVoiceConfig.Pad];
        var ids = new List<long>(config.PhonemeIds[PiperVoiceConfig.Start]);
        ids.AddRange(pad);
        var missing = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var phoneme in Phonemes(sentence))
        {
            if (config.PhonemeIds.TryGetValue(phoneme, out var phonemeIds))
            {
                ids.AddRange(phonemeIds);
                ids.AddRange(pad);
            }
            else
            {
                missing[phoneme] = missing.GetValueOrDefault(phoneme) + 1;
            }
        }
        ids.AddRange(config.PhonemeIds[PiperVoiceConfig.End]);
        return new PhonemeIds([.. ids], missing);
    }

    IEnumerable<string> Phonemes(string sentence)
    {
        var ipa = new StringBuilder();
        foreach (var clause in Clause().Matches(sentence).Where(m => !string.IsNullOrWhiteSpace(m.Groups["text"].Value)))
        {
            if (ipa.Length > 0)
            {
                ipa.Append(' ');
            }
            ipa.Append(espeak.ToIpa(clause.Groups["text"].Value));
            if (clause.Groups["marks"].Value is { Length: > 0 } marks)
            {
                ipa.Append(marks[0]);
            }
        }
        foreach (var rune in ipa.ToString().Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            var phoneme = rune.ToString();
            if (config.PhonemeMap.TryGetValue(phoneme, out var replacements))
            {
                foreach (var replacement in replacements)
                {
                    yield return replacement;
                }
            }
            else
            {
                yield return phoneme;
            }
        }
    }
}
