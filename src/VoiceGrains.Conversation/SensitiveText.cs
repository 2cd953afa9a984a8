using System.Text.RegularExpressions;

namespace VoiceGrains.Conversation;

/// <summary>
/// Removes what a caller should never find in a transcript, a log or a request to the language model: payment
/// card numbers (13–19 digits, spoken or typed, passing the Luhn check), the security code said after one, and
/// US social security numbers. Everything else is left as it was said.
/// </summary>
public static partial class SensitiveText
{
    public const string CardNumber = "[card number]";
    public const string SecurityCode = "[security code]";
    public const string SocialSecurityNumber = "[social security number]";

    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = SpokenDigitRun().Replace(text, m => Digits(m.Value) is { Length: >= 13 and <= 19 } digits && PassesLuhn(digits) ? CardNumber : m.Value);
        redacted = DigitRun().Replace(redacted, m => Digits(m.Value) is { Length: >= 13 and <= 19 } digits && PassesLuhn(digits) ? CardNumber : m.Value);
        redacted = SecurityCodePhrase().Replace(redacted, m => m.Groups["label"].Value + " " + SecurityCode);
        return Ssn().Replace(redacted, SocialSecurityNumber);
    }

    /// <summary>The digits of a run said in words or typed with separators ("four one one one…", "4111-1111…").</summary>
    static string Digits(string text) => new(Understanding.SpokenNumbers.Normalize(text.Replace(',', ' ')).Where(char.IsAsciiDigit).ToArray());

    static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    [GeneratedRegex(@"\b\d(?:[ -]?\d){12,18}\b")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)[ ,-]+){12,18}(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpokenDigitRun();

    [GeneratedRegex(@"(?<label>\b(?:security code|cvv|cvc|card code)(?: is)?)[ :,]*(?:\d{3,4}|(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)[ ,-]*){3,4})", RegexOptions.IgnoreCase)]
    private static partial Regex SecurityCodePhrase();

    [GeneratedRegex(@"\b\d{3}-\d{2}-\d{4}\b")]
    private static partial Regex Ssn();
}
