using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceGrains.Speech.Tts.Piper;

/// <summary>
/// A Piper voice's config (the <c>.onnx.json</c> beside its model), as Piper's runtime reads it (rhasspy/piper
/// src/cpp/piper.cpp): the output rate, the espeak-ng voice that phonemizes for it, the default scales, the phoneme
/// (IPA code point) to id map with its pad <c>_</c>, start <c>^</c> and end <c>$</c> symbols, and the speakers.
/// Only espeak phonemes are supported; a config that cannot drive the model is refused here, naming what is wrong.
/// </summary>
public sealed record PiperVoiceConfig(
    int SampleRate,
    string EspeakVoice,
    float NoiseScale,
    float LengthScale,
    float NoiseW,
    IReadOnlyDictionary<string, long[]> PhonemeIds,
    IReadOnlyDictionary<string, string[]> PhonemeMap,
    int SymbolCount,
    int SpeakerCount,
    IReadOnlyDictionary<string, long> Speakers)
{
    public const string Pad = "_";
    public const string Start = "^";
    public const string End = "$";

    public static PiperVoiceConfig Load(string path)
    {
        Raw raw;
        try
        {
            using var file = File.OpenRead(path);
            raw = JsonSerializer.Deserialize<Raw>(file) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException e)
        {
            throw new PiperVoiceException($"Piper voice config {path} is not a voice config: {e.Message}", e);
        }
        return raw.Check(path);
    }

    /// <summary>The speaker id of a speaker's name (or number); the first speaker when none is asked for.</summary>
    public long SpeakerId(string? speaker)
    {
        if (speaker is null)
        {
            return 0;
        }
        if (Speakers.TryGetValue(speaker, out var id))
        {
            return id;
        }
        if (long.TryParse(speaker, System.Globalization.CultureInfo.InvariantCulture, out var number) && number >= 0 && number < SpeakerCount)
        {
            return number;
        }
        throw new PiperVoiceException(SpeakerCount <= 1
            ? $"This Piper voice has one speaker; there is no speaker '{speaker}' to choose."
            : $"This Piper voice has no speaker '{speaker}': choose 0–{SpeakerCount - 1} or one of {string.Join(", ", Speakers.Keys.Take(10))}{(Speakers.Count > 10 ? ", …" : "")}.");
    }

    sealed record Raw(
        [property: JsonPropertyName("audio")] RawAudio? Audio,
        [property: JsonPropertyName("espeak")] RawEspeak? Espeak,
        [property: JsonPropertyName("inference")] RawInference? Inference,
        [property: JsonPropertyName("phoneme_type")] string? PhonemeType,
        [property: JsonPropertyName("phoneme_id_map")] Dictionary<string, long[]>? PhonemeIdMap,
        [property: JsonPropertyName("phoneme_map")] Dictionary<string, string[]>? PhonemeMap,
        [property: JsonPropertyName("num_symbols")] int? SymbolCount,
        [property: JsonPropertyName("num_speakers")] int? SpeakerCount,
        [property: JsonPropertyName("speaker_id_map")] Dictionary<string, long>? SpeakerIdMap)
    {
        public PiperVoiceConfig Check(string path)
        {
            PiperVoiceException Invalid(string why) => new($"Piper voice config {path}: {why}");
            if (Audio?.SampleRate is not { } rate || rate is < 8000 or > 48000)
            {
                throw Invalid($"audio.sample_rate is {Audio?.SampleRate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}; a voice speaks at 8000–48000 Hz.");
            }
            if (PhonemeType is not (null or "espeak"))
            {
                throw Invalid($"phoneme_type '{PhonemeType}' is not supported; VoiceGrains phonemizes with espeak-ng.");
            }
            if (Espeak?.Voice is not { Length: > 0 } espeakVoice)
            {
                throw Invalid("espeak.voice is missing: the config does not say which espeak-ng voice phonemizes for it.");
            }
            if (PhonemeIdMap is not { Count: > 0 } ids)
            {
                throw Invalid("phoneme_id_map is missing or empty.");
            }
            foreach (var symbol in new[] { Pad, Start, End }.Where(s => !ids.ContainsKey(s)))
            {
                throw Invalid($"phoneme_id_map has no '{symbol}' (Piper's pad, start and end symbols are '_', '^' and '$').");
            }
            var symbols = SymbolCount ?? (int)(ids.Values.SelectMany(ids => ids).Max() + 1);
            if (ids.Values.SelectMany(ids => ids).Any(id => id < 0 || id >= symbols))
            {
                throw Invalid($"phoneme_id_map has ids outside 0–{symbols - 1} (num_symbols {symbols}).");
            }
            var speakers = SpeakerCount ?? 1;
            if (speakers < 1 || (SpeakerIdMap ?? []).Values.Any(id => id < 0 || id >= speakers))
            {
                throw Invalid($"num_speakers {speakers} does not fit its speaker_id_map.");
            }
            return new PiperVoiceConfig(rate, espeakVoice,
                Inference?.NoiseScale ?? 0.667f, Inference?.LengthScale ?? 1f, Inference?.NoiseW ?? 0.8f,
                ids, PhonemeMap ?? [], symbols, speakers, SpeakerIdMap ?? []);
        }
    }

    sealed record RawAudio([property: JsonPropertyName("sample_rate")] int? SampleRate);

    sealed record RawEspeak([property: JsonPropertyName("voice")] string? Voice);

    sealed record RawInference(
        [property: JsonPropertyName("noise_scale")] float? NoiseScale,
        [property: JsonPropertyName("length_scale")] float? LengthScale,
        [property: JsonPropertyName("noise_w")] float? NoiseW);
}
