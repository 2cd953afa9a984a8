using System.Text.Json;

namespace VoiceGrains.Speech.Models;

/// <summary>
/// The pinned models (models/models.json and Piper's voice catalogue models/piper-voices.json, embedded at build time),
/// looked up by name; a manifest file of the same shape as models.json can add models of its own (the tests' weightless
/// stubs live in tests/models.test.json, not among the product's).
/// </summary>
public static class ModelCatalog
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ModelEntry> All { get; } = Load();

    public static ModelEntry Get(string name) => Get(name, All);

    public static ModelEntry Get(string name, IReadOnlyList<ModelEntry> models) =>
        models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownModelException(name, models.Select(m => m.Name));

    /// <summary>The pinned models, and those of the manifest file <paramref name="manifest"/> when one is given.</summary>
    public static IReadOnlyList<ModelEntry> With(string? manifest)
    {
        if (manifest is null)
        {
            return All;
        }
        using var stream = File.OpenRead(manifest);
        return [.. All, .. Read(stream, manifest)];
    }

    static List<ModelEntry> Load()
    {
        using var models = Resource("models.json");
        using var voices = Resource("piper-voices.json");
        return [.. Read(models, "models.json"), .. PiperVoiceCatalog.Read(voices)];
    }

    static Stream Resource(string name) => typeof(ModelCatalog).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"{name} is not embedded in VoiceGrains.Speech.");

    static List<ModelEntry> Read(Stream stream, string name)
    {
        var models = (JsonSerializer.Deserialize<Manifest>(stream, Json) ?? throw new InvalidOperationException($"{name} is empty.")).Models;
        return models.FirstOrDefault(m => m.Sha256 is null && m.Md5 is null) is { } unpinned
            ? throw new InvalidOperationException($"{name}: model '{unpinned.Name}' has neither a sha256 nor an md5 pin.")
            : models;
    }

    sealed record Manifest(List<ModelEntry> Models);
}
