using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// A folder of knowledge: every Markdown or plain-text file in it (and its subfolders) is a document, except
/// <c>synonyms.txt</c> at its top, which lists the business's synonyms, one group of equivalent terms per line
/// ("bag, luggage, suitcase"; lines starting with # are comments).
/// </summary>
public static partial class KnowledgeFolder
{
    public const string SynonymsFile = "synonyms.txt";

    /// <summary>A document larger than this is refused: it is meant to be a policy or an FAQ, not a data dump.</summary>
    public const int MaxDocumentBytes = 1 << 20;

    static readonly string[] DocumentExtensions = [".md", ".markdown", ".txt"];

    /// <summary>The documents and synonyms of the folder at <paramref name="path"/>; other files are left out.</summary>
    public static async Task<(IReadOnlyList<KnowledgeDocument> Documents, IReadOnlyList<IReadOnlyList<string>> Synonyms)> ReadAsync(
        string path, CancellationToken cancellationToken)
    {
        var root = new DirectoryInfo(path);
        if (!root.Exists)
        {
            throw new DirectoryNotFoundException($"There is no folder {path}.");
        }
        var files = new List<(string Name, byte[] Content)>();
        foreach (var file in root.EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(root.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/');
            if (name == SynonymsFile || DocumentExtensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase))
            {
                if (file.Length > MaxDocumentBytes)
                {
                    throw new KnowledgeFormatException(name, null, $"it is {file.Length:N0} bytes; a document may have {MaxDocumentBytes:N0} at most.");
                }
                files.Add((name, await File.ReadAllBytesAsync(file.FullName, cancellationToken)));
            }
        }
        return Parse(files);
    }

    /// <summary>Documents and synonyms from files given by name (a path with '/') and content.</summary>
    public static (IReadOnlyList<KnowledgeDocument> Documents, IReadOnlyList<IReadOnlyList<string>> Synonyms) Parse(IEnumerable<(string Name, byte[] Content)> files)
    {
        var documents = new List<KnowledgeDocument>();
        IReadOnlyList<IReadOnlyList<string>> synonyms = [];
        foreach (var (name, content) in files)
        {
            var text = Decode(name, content);
            if (name == SynonymsFile)
            {
                synonyms = ParseSynonyms(text);
                continue;
            }
            var (title, passages) = KnowledgeText.Parse(text);
            if (passages.Count == 0)
            {
                throw new KnowledgeFormatException(name, null, "it has no text to answer from.");
            }
            documents.Add(new KnowledgeDocument(name, title ?? TitleFromName(name), Convert.ToHexStringLower(SHA256.HashData(content)), passages));
        }
        return (documents, synonyms);
    }

    static string Decode(string name, byte[] content)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new KnowledgeFormatException(name, null, "it is not UTF-8 text.");
        }
    }

    static IReadOnlyList<IReadOnlyList<string>> ParseSynonyms(string text)
    {
        var groups = new List<IReadOnlyList<string>>();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var terms = line.Split(',').Select(t => Space().Replace(t.Trim().ToLowerInvariant(), " ")).Where(t => t.Length > 0).Distinct().ToList();
            if (terms.Count < 2)
            {
                throw new KnowledgeFormatException(SynonymsFile, i + 1, "a line lists two or more terms, separated by commas.");
            }
            if (terms.FirstOrDefault(t => !Term().IsMatch(t)) is { } bad)
            {
                throw new KnowledgeFormatException(SynonymsFile, i + 1, $"'{bad}' has characters a term cannot have (letters, digits, spaces, ' and - only).");
            }
            groups.Add(terms);
        }
        return groups;
    }

    static string TitleFromName(string name)
    {
        var words = Path.GetFileNameWithoutExtension(name).Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}' \-]*$")]
    private static partial Regex Term();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();
}
