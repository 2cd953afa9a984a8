using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace VoiceGrains.Conversation.Tests.Knowledge;

/// <summary>
/// A caller's question of ../shared/testdata/knowledge/questions.json, and its scoring as that folder's README says:
/// the reply normalized (lower case, straight quotes, '-' for dashes, single spaces), and each required fact matched
/// by one of its forms with no letter or digit just before or after it.
/// </summary>
public sealed partial record KnowledgeQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("doc")] string? Document,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answerable")] bool Answerable,
    [property: JsonPropertyName("expect_any")] IReadOnlyList<IReadOnlyList<string>> Facts)
{
    public static IReadOnlyList<KnowledgeQuestion> Load() =>
        JsonSerializer.Deserialize<List<KnowledgeQuestion>>(File.ReadAllText(SharedData.PathOf("knowledge", "questions.json")))!;

    /// <summary>The required facts the reply does not state (none for a question the documents do not answer).</summary>
    public IReadOnlyList<string> MissingFacts(string reply)
    {
        var text = Normalize(reply);
        return Facts.Where(forms => !forms.Any(form => Holds(text, form))).Select(forms => forms[0]).ToList();
    }

    static string Normalize(string reply)
    {
        var text = reply.ToLowerInvariant()
            .Replace('\u2018', '\'').Replace('\u2019', '\'').Replace('\u201C', '"').Replace('\u201D', '"')
            .Replace('\u2013', '-').Replace('\u2014', '-');
        return Space().Replace(text, " ");
    }

    static bool Holds(string text, string form)
    {
        for (var at = text.IndexOf(form, StringComparison.Ordinal); at >= 0; at = text.IndexOf(form, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var after = at + form.Length == text.Length || !char.IsLetterOrDigit(text[at + form.Length]);
            if (before && after)
            {
                return true;
            }
        }
        return false;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
