using System.Text.RegularExpressions;

namespace VoiceGrains.Conversation.Functions;

/// <summary>The ZIP code inside a free-text US address: the last five-digit group (ZIP+4 allowed).</summary>
public static partial class PostalAddress
{
    public static string? Zip(string address)
    {
        var matches = ZipCode().Matches(address);
        return matches.Count == 0 ? null : matches[^1].Groups[1].Value;
    }

    [GeneratedRegex(@"\b(\d{5})(?:-\d{4})?\b")]
    private static partial Regex ZipCode();
}
