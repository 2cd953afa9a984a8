using System.Text.RegularExpressions;

namespace VoiceGrains.Data.Products;

/// <summary>
/// What a caller calls a product ("the grills", "a mechanical keyboard") as ILIKE patterns that a product's name must
/// all match: each word of it, articles and possessives left out, a plural's "s" dropped ("grills" finds "Grill").
/// </summary>
public static partial class ProductNamePatterns
{
    static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "a", "an", "the", "my", "your", "our", "those", "these", "all", "of", "one", "ones" };

    /// <summary>The patterns; none when the words name nothing.</summary>
    public static string[] From(string words) =>
        [.. Word().Matches(words.ToLowerInvariant())
            .Select(m => m.Value)
            .Where(w => !Ignored.Contains(w))
            .Select(w => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) ? w[..^1] : w)
            .Distinct(StringComparer.Ordinal)
            .Select(w => $"%{w}%")];

    // Letters and digits only, so no pattern carries ILIKE's own % or _.
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
