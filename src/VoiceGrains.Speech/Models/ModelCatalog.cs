using System.Text.Json;

namespace VoiceGrains.Speech.Models;

/// <summary>The pinned models (models/models.json, embedded at build time), looked up by name.</summary>
public static class ModelCatalog
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<ModelEntry> All { get; } = Load();

    public static ModelEntry Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownModelException(name, All.Select(m => m.Name));

    static List<ModelEntry> Load()
    {
        using var stream = typeof(ModelCatalog).Assembly.GetManifestResourceStream("models.json")
            ?? throw new InvalidOperationException("models.json is not embedded in VoiceGrains.Speech.");
        var manifest = JsonSerializer.Deserialize<Manifest>(stream, Json)
            ?? throw new InvalidOperationException("models.json is empty.");
        return manifest.Models;
    }

    sealed record Manifest(List<ModelEntry> Models);
}
