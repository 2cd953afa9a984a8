using System.Globalization;
using System.Text.RegularExpressions;

namespace VoiceGrains.Speech.Tts;

/// <summary>
/// Rewrites a reply the way a person would say it on the phone: "$19.99" → "nineteen dollars and ninety-nine
/// cents", "order 10482" → "order one zero four eight two", "3:30 PM" → "three thirty p m", "December 3" →
/// "December third". Engines read digits inconsistently ("ten thousand four hundred…"); callers must hear ids
/// digit by digit to write them down.
/// </summary>
public static partial class SpokenText
{
    [GeneratedRegex(@"\$(?<dollars>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<cents>\d{2}))?")]
    private static partial Regex Price();

    [GeneratedRegex(@"(?<key>\b(?:orders?|order number|tracking number|tracking|confirmation(?: number)?|reference|ticket|account)\b\s*(?:#|no\.?|number)?\s*|#)(?<id>\d{3,})\b", RegexOptions.IgnoreCase)]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\b(?<hour>\d{1,2}):(?<minute>\d{2})\s*(?<half>[ap]\.?m\.?)?(?![\w])", RegexOptions.IgnoreCase)]
    private static partial Regex Time();

    [GeneratedRegex(@"\b(?<month>January|February|March|April|May|June|July|August|September|October|November|December)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?\b")]
    private static partial Regex Date();

    [GeneratedRegex(@"(?<number>\d+(?:\.\d+)?)\s*%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"\b\d{5,}\b")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"\b(?<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?<fraction>\d+))?\b")]
    private static partial Regex Number();

    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Price().Replace(text, m => Dollars(m.Groups["dollars"].Value, m.Groups["cents"].Value));
        text = Identifier().Replace(text, m => m.Groups["key"].Value.Replace("#", "number ", StringComparison.Ordinal) + NumberWords.Digits(m.Groups["id"].Value));
        text = Time().Replace(text, SpokenTime);
        text = Date().Replace(text, m => m.Groups["month"].Value + " " + NumberWords.Ordinal(int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture)));
        text = Percent().Replace(text, m => Decimal(m.Groups["number"].Value) + " percent");
        text = LongNumber().Replace(text, m => NumberWords.Digits(m.Value));
        return Number().Replace(text, m => Decimal(m.Value));
    }

    static string Dollars(string dollarText, string centText)
    {
        var dollars = long.Parse(dollarText.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var cents = centText.Length == 0 ? 0 : int.Parse(centText, CultureInfo.InvariantCulture);
        var spokenDollars = $"{NumberWords.Cardinal(dollars)} {(dollars == 1 ? "dollar" : "dollars")}";
        var spokenCents = $"{NumberWords.Cardinal(cents)} {(cents == 1 ? "cent" : "cents")}";
        return (dollars, cents) switch
        {
            (_, 0) => spokenDollars,
            (0, _) => spokenCents,
            _ => $"{spokenDollars} and {spokenCents}",
        };
    }

    static string SpokenTime(Match m)
    {
        var hour = int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture);
        if (hour > 23 || minute > 59)
        {
            return m.Value;
        }
        var spoken = NumberWords.Cardinal(hour) + minute switch
        {
            0 => m.Groups["half"].Success ? "" : " o'clock",
            < 10 => " oh " + NumberWords.Cardinal(minute),
            _ => " " + NumberWords.Cardinal(minute),
        };
        var half = m.Groups["half"].Value.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant();
        // "a.m." at the end of a sentence carries the sentence's full stop too: keep it.
        return half.Length == 0 ? spoken : $"{spoken} {half[0]} m{(m.Value.EndsWith('.') ? "." : "")}";
    }

    static string Decimal(string number)
    {
        var parts = number.Replace(",", "", StringComparison.Ordinal).Split('.');
        var whole = NumberWords.Cardinal(long.Parse(parts[0], CultureInfo.InvariantCulture));
        return parts.Length == 1 ? whole : $"{whole} point {NumberWords.Digits(parts[1])}";
    }
}
