using System.Globalization;
using System.Text;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// Rewrites numbers said in words as digits, the way a caller reads out an order number or ZIP code:
/// "one oh four eight two" and "ten thousand four hundred eighty two" both become "10482", and
/// "ten four eighty two" (said in groups) becomes "10482" too. Digits typed with spaces ("1 0 4 8 2") are joined.
/// Written by hand because no maintained .NET library parses spoken English numbers.
/// </summary>
public static class SpokenNumbers
{
    enum Kind { Unit, Teen, Tens, Hundred, Thousand }

    static readonly Dictionary<string, (int Value, Kind Kind)> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = (0, Kind.Unit), ["oh"] = (0, Kind.Unit), ["one"] = (1, Kind.Unit), ["two"] = (2, Kind.Unit),
        ["three"] = (3, Kind.Unit), ["four"] = (4, Kind.Unit), ["five"] = (5, Kind.Unit), ["six"] = (6, Kind.Unit),
        ["seven"] = (7, Kind.Unit), ["eight"] = (8, Kind.Unit), ["nine"] = (9, Kind.Unit),
        ["ten"] = (10, Kind.Teen), ["eleven"] = (11, Kind.Teen), ["twelve"] = (12, Kind.Teen), ["thirteen"] = (13, Kind.Teen),
        ["fourteen"] = (14, Kind.Teen), ["fifteen"] = (15, Kind.Teen), ["sixteen"] = (16, Kind.Teen),
        ["seventeen"] = (17, Kind.Teen), ["eighteen"] = (18, Kind.Teen), ["nineteen"] = (19, Kind.Teen),
        ["twenty"] = (20, Kind.Tens), ["thirty"] = (30, Kind.Tens), ["forty"] = (40, Kind.Tens), ["fifty"] = (50, Kind.Tens),
        ["sixty"] = (60, Kind.Tens), ["seventy"] = (70, Kind.Tens), ["eighty"] = (80, Kind.Tens), ["ninety"] = (90, Kind.Tens),
        ["hundred"] = (100, Kind.Hundred), ["thousand"] = (1000, Kind.Thousand),
    };

    /// <summary>The text with every run of number words replaced by its digits.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var output = new List<string>();
        for (var i = 0; i < tokens.Length;)
        {
            var run = new List<(int Value, Kind Kind)>();
            var j = i;
            var trailing = "";
            while (j < tokens.Length)
            {
                var (word, punctuation) = SplitPunctuation(tokens[j]);
                var isNumberWord = Words.TryGetValue(word, out var entry)
                    && !(word.Equals("oh", StringComparison.OrdinalIgnoreCase) && run.Count == 0 && !NextIsNumberWord(tokens, j));
                var isDigit = word.Length == 1 && char.IsAsciiDigit(word[0]);
                var isJoiningAnd = word.Equals("and", StringComparison.OrdinalIgnoreCase) && run.Count > 0 && run[^1].Kind == Kind.Hundred && NextIsNumberWord(tokens, j);
                if (isJoiningAnd)
                {
                    j++;
                    continue;
                }
                if (!isNumberWord && !isDigit)
                {
                    break;
                }
                run.Add(isDigit ? (word[0] - '0', Kind.Unit) : entry);
                j++;
                if (punctuation.Length > 0)
                {
                    trailing = punctuation;
                    break;
                }
            }

            var onlyTypedDigit = run.Count == 1 && j > i && SplitPunctuation(tokens[i]).Word.All(char.IsAsciiDigit);
            if (run.Count == 0 || onlyTypedDigit)
            {
                output.Add(tokens[i]);
                i++;
                continue;
            }
            output.Add(Digits(run) + trailing);
            i = j;
        }
        return string.Join(' ', output);
    }

    /// <summary>A run of number words as digits: one number when it reads as one, its groups side by side otherwise.</summary>
    static string Digits(List<(int Value, Kind Kind)> run)
    {
        var groups = new StringBuilder();
        long total = 0, current = 0;
        Kind? last = null;
        foreach (var (value, kind) in run)
        {
            var extends = last switch
            {
                null => true,
                Kind.Tens => kind == Kind.Unit && value > 0 || kind is Kind.Hundred or Kind.Thousand,
                Kind.Unit or Kind.Teen => kind is Kind.Hundred or Kind.Thousand && current < 100,
                Kind.Hundred => kind is Kind.Unit or Kind.Teen or Kind.Tens or Kind.Thousand,
                Kind.Thousand => kind is Kind.Unit or Kind.Teen or Kind.Tens,
                _ => false,
            };
            if (!extends || (kind == Kind.Thousand && total > 0))
            {
                groups.Append((total + current).ToString(CultureInfo.InvariantCulture));
                total = current = 0;
                last = null;
            }
            switch (kind)
            {
                case Kind.Hundred:
                    current = Math.Max(current, 1) * 100;
                    break;
                case Kind.Thousand:
                    total = (total + Math.Max(current, 1)) * 1000;
                    current = 0;
                    break;
                default:
                    current += value;
                    break;
            }
            last = kind;
        }
        groups.Append((total + current).ToString(CultureInfo.InvariantCulture));
        return groups.ToString();
    }

    static bool NextIsNumberWord(string[] tokens, int index) =>
        index + 1 < tokens.Length && SplitPunctuation(tokens[index + 1]).Word is var next
        && (Words.ContainsKey(next) || next.Length == 1 && char.IsAsciiDigit(next[0]));

    static (string Word, string Punctuation) SplitPunctuation(string token)
    {
        var end = token.Length;
        while (end > 0 && token[end - 1] is '.' or ',' or '?' or '!' or ';' or ':')
        {
            end--;
        }
        return (token[..end], token[end..]);
    }
}
