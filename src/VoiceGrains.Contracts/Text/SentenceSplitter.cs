using System.Text;

namespace VoiceGrains.Contracts.Text;

/// <summary>
/// Cuts streamed reply text into sentences as soon as each is complete, so speech can start before the reply
/// is finished. A sentence ends at . ! or ? followed by white space; decimals ("19.99") and common
/// abbreviations ("Dr.", "e.g.") do not end one. Not thread-safe: one per reply.
/// </summary>
public sealed class SentenceSplitter
{
    static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "approx", "ave", "apt", "a.m", "p.m",
    };

    readonly StringBuilder pending = new();

    /// <summary>Adds streamed text; returns the sentences it completes, in order.</summary>
    public List<string> Push(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        pending.Append(text);
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < pending.Length - 1; i++)
        {
            if (pending[i] is '.' or '!' or '?' && char.IsWhiteSpace(pending[i + 1]) && !IsAbbreviation(start, i))
            {
                Add(sentences, pending.ToString(start, i + 1 - start));
                start = i + 1;
            }
        }
        pending.Remove(0, start);
        return sentences;
    }

    /// <summary>The rest of the reply once the stream has ended.</summary>
    public List<string> Complete()
    {
        var sentences = new List<string>();
        Add(sentences, pending.ToString());
        pending.Clear();
        return sentences;
    }

    /// <summary>Splits a whole reply.</summary>
    public static List<string> Split(string text)
    {
        var splitter = new SentenceSplitter();
        var sentences = splitter.Push(text);
        sentences.AddRange(splitter.Complete());
        return sentences;
    }

    bool IsAbbreviation(int start, int period)
    {
        if (pending[period] != '.')
        {
            return false;
        }
        var wordStart = period;
        while (wordStart > start && !char.IsWhiteSpace(pending[wordStart - 1]))
        {
            wordStart--;
        }
        var word = pending.ToString(wordStart, period - wordStart).TrimStart('(', '"', '\'');
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    static void Add(List<string> sentences, string sentence)
    {
        var trimmed = sentence.Trim();
        if (trimmed.Length > 0)
        {
            sentences.Add(trimmed);
        }
    }
}
