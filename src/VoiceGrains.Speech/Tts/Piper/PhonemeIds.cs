using System.Globalization;

namespace VoiceGrains.Speech.Tts.Piper;

/// <summary>A sentence's phoneme ids, and the phonemes the voice's map lacked (skipped) with how often each came.</summary>
public sealed record PhonemeIds(long[] Ids, IReadOnlyDictionary<string, int> Missing)
{
    public string DescribeMissing() =>
        string.Join(", ", Missing.Select(m => string.Create(CultureInfo.InvariantCulture, $"'{m.Key}' (U+{char.ConvertToUtf32(m.Key, 0):X4}) ×{m.Value}")));
}
