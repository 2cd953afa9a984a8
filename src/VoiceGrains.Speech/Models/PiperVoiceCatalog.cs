using System.Text.Json;
using System.Text.Json.Serialization;

namespace VoiceGrains.Speech.Models;

/// <summary>
/// Piper's official voice catalogue (models/piper-voices.json, byte-identical to rhasspy/piper
/// src/python_run/piper/voices.json, MIT; embedded at build time) as pinned model files: every voice is
/// <c>piper:KEY</c> (its .onnx) with <c>piper:KEY.onnx.json</c> (its config) installed beside it, each pinned by the
/// byte size and MD5 the catalogue lists — the only hash Piper publishes for them. Files come from
/// https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/ + the catalogue's path (the URL Piper's own downloader
/// uses), or from a mirror folder's piper/ subfolder.
/// </summary>
public static class PiperVoiceCatalog
{
    public const string Prefix = "piper:";

    /// <summary>The product's voice (Speech:Voice's default), fetched with the default models: US English, medium quality.</summary>
    public const string DefaultVoice = Prefix + "en_US-lessac-medium";

    static readonly Uri Base = new("https://huggingface.co/rhasspy/piper-voices/resolve/v1.0.0/");

    public static List<ModelEntry> Read(Stream catalogue)
    {
        var voices = JsonSerializer.Deserialize<Dictionary<string, Voice>>(catalogue)
            ?? throw new InvalidOperationException("The Piper voice catalogue is empty.");
        var entries = new List<ModelEntry>();
        foreach (var (key, voice) in voices.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var model = voice.Files.Single(f => f.Key.EndsWith(".onnx", StringComparison.Ordinal));
            var config = voice.Files.Single(f => f.Key.EndsWith(".onnx.json", StringComparison.Ordinal));
            var speakers = voice.Speakers > 1 ? $", {voice.Speakers} speakers" : "";
            var description = $"Piper voice: {voice.Language.Name} ({voice.Language.Country}), {voice.Name}, {voice.Quality}{speakers}";
            entries.Add(Entry(Prefix + key, "tts", model, description) with
            {
                With = [Prefix + key + ".onnx.json"],
                Default = Prefix + key == DefaultVoice,
            });
            entries.Add(Entry(Prefix + key + ".onnx.json", "tts-config", config, $"config of {Prefix}{key}"));
        }
        return entries;
    }

    static ModelEntry Entry(string name, string kind, KeyValuePair<string, PinnedFile> file, string description)
    {
        var fileName = file.Key[(file.Key.LastIndexOf('/') + 1)..];
        return new ModelEntry(name, kind, fileName, file.Value.Bytes, Sha256: null, new Uri(Base, file.Key),
            "MIT catalogue; each voice's own terms in its MODEL_CARD", description, Default: false)
        {
            Md5 = file.Value.Md5,
            MirrorPath = "piper/" + fileName,
        };
    }

    sealed record Voice(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("language")] Language Language,
        [property: JsonPropertyName("quality")] string Quality,
        [property: JsonPropertyName("num_speakers")] int Speakers,
        [property: JsonPropertyName("files")] Dictionary<string, PinnedFile> Files);

    sealed record Language(
        [property: JsonPropertyName("name_english")] string Name,
        [property: JsonPropertyName("country_english")] string Country);

    sealed record PinnedFile(
        [property: JsonPropertyName("size_bytes")] long Bytes,
        [property: JsonPropertyName("md5_digest")] string Md5);
}
