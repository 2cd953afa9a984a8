using System.Text.RegularExpressions;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// A document's sentence as it is said on the phone: a leading label ("Passengers: …", "Note: …") is dropped, since
/// the question already names the topic, and list punctuation is smoothed. The words and numbers are the document's.
/// </summary>
public static partial class SpokenAnswer
{
    public static string From(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var text = Label().Replace(sentence.Trim(), "");
        text = text.Replace(" - ", ", ", StringComparison.Ordinal).Replace(";", ",", StringComparison.Ordinal);
        return text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : sentence.Trim();
    }

    // A label is one to four words and a colon at the very start, followed by the sentence itself.
    [GeneratedRegex(@"^(?:[\p{L}\p{N}'\-]+\s){0,3}[\p{L}\p{N}'\-]+:\s+(?=\S)")]
    private static partial Regex Label();
}
