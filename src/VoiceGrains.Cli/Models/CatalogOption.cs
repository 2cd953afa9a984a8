using System.CommandLine;
using VoiceGrains.Speech.Models;

namespace VoiceGrains.Cli.Models;

/// <summary><c>--catalog FILE</c>: a manifest of the same shape as models/models.json whose models join the pinned ones.</summary>
static class CatalogOption
{
    public static readonly Option<FileInfo?> Option = new("--catalog")
    {
        Description = "Another model manifest shaped like models/models.json (the tests' stub: tests/models.test.json); its models join the pinned ones",
    };

    /// <summary>The pinned models, with the ones of --catalog when it is given.</summary>
    public static IReadOnlyList<ModelEntry> Models(ParseResult parse) => ModelCatalog.With(parse.GetValue(Option)?.FullName);
}
