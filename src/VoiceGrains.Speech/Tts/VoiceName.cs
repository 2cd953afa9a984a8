using VoiceGrains.Speech.Models;

namespace VoiceGrains.Speech.Tts;

/// <summary>
/// A voice as configuration names it (Speech:Voice, <c>voicegrains tts --voice</c>): <c>piper:VOICE</c> (a voice of
/// Piper's catalogue, e.g. piper:en_US-lessac-medium; <c>piper:VOICE/SPEAKER</c> picks a speaker of a voice with
/// several) or <c>espeak-ng:VOICE</c> (the built-in voice, e.g. espeak-ng:en-us). A bare espeak-ng voice name
/// ("en-us") means espeak-ng.
/// </summary>
public sealed record VoiceName(bool IsPiper, string Voice, string? Speaker)
{
    public const string EspeakPrefix = "espeak-ng:";

    /// <summary>The built-in voice, which needs no model.</summary>
    public static readonly VoiceName BuiltIn = new(false, "en-us", null);

    /// <summary>The catalogue entry of a Piper voice.</summary>
    public string ModelName => IsPiper ? PiperVoiceCatalog.Prefix + Voice : throw new InvalidOperationException($"{this} is not a Piper voice.");

    public static VoiceName Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        text = text.Trim();
        if (text.StartsWith(PiperVoiceCatalog.Prefix, StringComparison.Ordinal))
        {
            var rest = text[PiperVoiceCatalog.Prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var (voice, speaker) = slash < 0 ? (rest, null) : (rest[..slash], rest[(slash + 1)..]);
            return voice.Length == 0 || speaker is { Length: 0 }
                ? throw new ArgumentException($"'{text}' names no Piper voice: write piper:VOICE or piper:VOICE/SPEAKER, e.g. piper:en_US-lessac-medium.")
                : new VoiceName(true, voice, speaker);
        }
        var espeak = text.StartsWith(EspeakPrefix, StringComparison.Ordinal) ? text[EspeakPrefix.Length..] : text;
        return espeak.Length == 0 || espeak.Contains(':', StringComparison.Ordinal)
            ? throw new ArgumentException($"'{text}' is not a voice: write piper:VOICE or espeak-ng:VOICE.")
            : new VoiceName(false, espeak, null);
    }

    public override string ToString() =>
        IsPiper ? PiperVoiceCatalog.Prefix + Voice + (Speaker is null ? "" : "/" + Speaker) : EspeakPrefix + Voice;
}
