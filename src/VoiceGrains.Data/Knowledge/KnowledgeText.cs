using System.Text;
using System.Text.RegularExpressions;
using VoiceGrains.Contracts.Text;

namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// Splits a document's text into passages: each paragraph or list item of Markdown or plain text, under the headings it
/// sits below, and each question/answer pair ("Q: …" then "A: …") on its own with the question as its heading. Markdown
/// markup is removed, since passages are read aloud. Hand-written rather than a Markdown library: only headings,
/// paragraphs, list items and inline emphasis matter here, and the line structure is what decides a passage.
/// </summary>
public static partial class KnowledgeText
{
    /// <summary>Sentences in one passage at most; a longer paragraph is cut into passages of this many.</summary>
    public const int MaxSentencesPerPassage = 6;

    public static (string? Title, IReadOnlyList<KnowledgePassage> Passages) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? title = null;
        var headings = new List<(int Level, string Text)>();
        var passages = new List<KnowledgePassage>();
        var block = new StringBuilder();
        string? question = null;

        void Flush()
        {
            var body = Clean(block.ToString());
            block.Clear();
            if (body.Length == 0)
            {
                return;
            }
            var heading = question ?? string.Join(" - ", headings.Select(h => h.Text));
            question = null;
            var sentences = SentenceSplitter.Split(body);
            for (var start = 0; start < sentences.Count; start += MaxSentencesPerPassage)
            {
                passages.Add(new KnowledgePassage(heading, sentences.Skip(start).Take(MaxSentencesPerPassage).ToList()));
            }
        }

        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (Heading().Match(line) is { Success: true } heading)
            {
                Flush();
                var level = heading.Groups[1].Length;
                var name = Inline(heading.Groups[2].Value);
                if (level == 1 && title is null && passages.Count == 0)
                {
                    title = name;
                    continue;
                }
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, name));
            }
            else if (QuestionLine().Match(line) is { Success: true } asked)
            {
                Flush();
                question = Inline(asked.Groups[1].Value);
            }
            else if (AnswerLine().Match(line) is { Success: true } answer && question is not null)
            {
                block.Append(answer.Groups[1].Value).Append(' ');
            }
            else if (line.Trim().Length == 0)
            {
                // A blank line between "Q:" and "A:" keeps the pair together.
                if (block.Length > 0)
                {
                    Flush();
                }
            }
            else if (ListItem().Match(line) is { Success: true } item && item.Groups[1].Length == 0)
            {
                // A top-level list item starts a passage; an indented one belongs to the item above it.
                Flush();
                block.Append(item.Groups[2].Value).Append(' ');
            }
            else
            {
                var content = ListItem().Match(line) is { Success: true } nested ? nested.Groups[2].Value : line.Trim();
                block.Append(content).Append(' ');
            }
        }
        Flush();
        return (title, passages);
    }

    /// <summary>A passage's text, each ending with a stop: a list item without one would run into the next sentence aloud.</summary>
    static string Clean(string markdown)
    {
        var text = Inline(markdown);
        return text.Length > 0 && !".!?:".Contains(text[^1], StringComparison.Ordinal) ? text + "." : text;
    }

    /// <summary>Plain text: no emphasis, code marks or link targets, one space between words.</summary>
    static string Inline(string markdown)
    {
        var text = Link().Replace(markdown, "$1");
        text = Emphasis().Replace(text, "");
        return Space().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.+?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:\*\*)?Q(?:uestion)?:(?:\*\*)?\s*(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionLine();

    [GeneratedRegex(@"^\s*(?:\*\*)?A(?:nswer)?:(?:\*\*)?\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*|__|`|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|^\s*>\s?", RegexOptions.Multiline)]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
