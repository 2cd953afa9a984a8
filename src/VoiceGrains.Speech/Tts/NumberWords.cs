namespace VoiceGrains.Speech.Tts;

/// <summary>English cardinal and ordinal number words ("forty-two", "twenty-first").</summary>
public static class NumberWords
{
    static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    static readonly (long Value, string Name)[] Scales = [(1_000_000_000, "billion"), (1_000_000, "million"), (1_000, "thousand")];

    public static string Cardinal(long number)
    {
        if (number < 0)
        {
            return "minus " + Cardinal(-number);
        }
        if (number < 20)
        {
            return Ones[number];
        }
        if (number < 100)
        {
            return Tens[number / 10] + (number % 10 == 0 ? "" : "-" + Ones[number % 10]);
        }
        if (number < 1000)
        {
            return Ones[number / 100] + " hundred" + (number % 100 == 0 ? "" : " " + Cardinal(number % 100));
        }
        foreach (var (value, name) in Scales)
        {
            if (number >= value)
            {
                return Cardinal(number / value) + " " + name + (number % value == 0 ? "" : " " + Cardinal(number % value));
            }
        }
        throw new ArgumentOutOfRangeException(nameof(number));
    }

    public static string Ordinal(long number)
    {
        var words = Cardinal(number);
        var cut = Math.Max(words.LastIndexOf(' '), words.LastIndexOf('-')) + 1;
        var last = words[cut..];
        var ordinal = last switch
        {
            "one" => "first", "two" => "second", "three" => "third", "five" => "fifth", "eight" => "eighth",
            "nine" => "ninth", "twelve" => "twelfth",
            _ when last.EndsWith('y') => last[..^1] + "ieth",
            _ => last + "th",
        };
        return words[..cut] + ordinal;
    }

    /// <summary>Each digit on its own: how people read out order numbers, codes and phone numbers.</summary>
    public static string Digits(string digits) =>
        string.Join(' ', digits.Where(char.IsAsciiDigit).Select(d => Ones[d - '0']));
}
