using VoiceGrains.Speech.Models;

namespace VoiceGrains.Testing;

/// <summary>The models tests may run: the product's pinned ones and the test-only ones of tests/models.test.json.</summary>
public static class TestModels
{
    public static IReadOnlyList<ModelEntry> Catalog { get; } = ModelCatalog.With(Path.Combine(RepositoryPaths.Root, "tests", "models.test.json"));

    public static ModelEntry Get(string name) => ModelCatalog.Get(name, Catalog);
}
