using System.Globalization;
using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// Reads dates and times as callers say them, relative to the business's local today: "tomorrow at 3",
/// "next Tuesday afternoon", "March 3rd", "the 13th of this month", "10:30 in the morning", "this weekend".
/// A bare hour from one to six means the afternoon (a shop's day), seven to eleven the morning.
/// Written by hand: no maintained .NET library reads English date phrases (Microsoft.Recognizers.Text is archived).
/// </summary>
public static partial class TimeExpressions
{
    static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    static readonly Dictionary<string, int> OrdinalWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13,
        ["fourteenth"] = 14, ["fifteenth"] = 15, ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18,
        ["nineteenth"] = 19, ["twentieth"] = 20, ["thirtieth"] = 30,
    };

    public static TimeExpression Parse(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = SpokenNumbers.Normalize(OrdinalsToDigits(text.ToLowerInvariant()));
        var (from, to) = ParseDates(lower, today);
        return new TimeExpression(from, to, ParsePartOfDay(lower), ParseTime(lower));
    }

    static (DateOnly? From, DateOnly? To) ParseDates(string text, DateOnly today)
    {
        if (IsoDate().Match(text) is { Success: true } iso
            && DateOnly.TryParseExact(iso.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var isoDay))
        {
            return (isoDay, isoDay);
        }
        if (Contains(text, "day after tomorrow"))
        {
            return Day(today.AddDays(2));
        }
        if (Contains(text, "tomorrow"))
        {
            return Day(today.AddDays(1));
        }
        if (Contains(text, "today") || Contains(text, "tonight") || Contains(text, "this morning") || Contains(text, "this afternoon") || Contains(text, "this evening"))
        {
            return Day(today);
        }
        if (Contains(text, "weekend"))
        {
            var saturday = NextWeekday(today, DayOfWeek.Saturday, allowToday: true);
            if (Contains(text, "next weekend") && saturday.DayNumber - today.DayNumber < 7 && today.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                saturday = saturday.AddDays(7);
            }
            return today.DayOfWeek == DayOfWeek.Sunday && !Contains(text, "next") ? Day(today) : (saturday, saturday.AddDays(1));
        }
        if (Contains(text, "next week") && Weekday().Match(text) is { Success: true } dayNextWeek)
        {
            var monday = NextWeekday(today, DayOfWeek.Monday, allowToday: false);
            var day = Enum.Parse<DayOfWeek>(dayNextWeek.Groups["day"].Value, ignoreCase: true);
            return Day(monday.AddDays(((int)day + 6) % 7));
        }
        if (Contains(text, "next week"))
        {
            var monday = NextWeekday(today, DayOfWeek.Monday, allowToday: false);
            return (monday, monday.AddDays(6));
        }
        if (Contains(text, "this week") && Weekday().Match(text) is { Success: true } dayThisWeek)
        {
            return Day(NextWeekday(today, Enum.Parse<DayOfWeek>(dayThisWeek.Groups["day"].Value, ignoreCase: true), allowToday: true));
        }
        if (Contains(text, "this week"))
        {
            return (today, NextWeekday(today, DayOfWeek.Sunday, allowToday: true));
        }
        if (MonthDay().Match(text) is { Success: true } monthDay)
        {
            var month = Array.IndexOf(Months, monthDay.Groups["month"].Value) + 1;
            var dayOfMonth = int.Parse(monthDay.Groups["day"].Success ? monthDay.Groups["day"].Value : monthDay.Groups["day2"].Value, CultureInfo.InvariantCulture);
            return Resolve(today, today.Year, month, dayOfMonth, rollYear: true);
        }
        if (NumericDate().Match(text) is { Success: true } numeric)
        {
            return Resolve(today, today.Year, int.Parse(numeric.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(numeric.Groups[2].Value, CultureInfo.InvariantCulture), rollYear: true);
        }
        if (DayOfMonth().Match(text) is { Success: true } dayOfThisMonth)
        {
            var dayNumber = int.Parse(dayOfThisMonth.Groups["day"].Value, CultureInfo.InvariantCulture);
            var nextMonth = dayOfThisMonth.Groups["which"].Value == "next";
            var month = today.AddMonths(nextMonth ? 1 : 0);
            var resolved = Resolve(today, month.Year, month.Month, dayNumber, rollYear: false);
            if (!nextMonth && dayOfThisMonth.Groups["which"].Value != "this" && resolved.From < today)
            {
                var following = today.AddMonths(1);
                resolved = Resolve(today, following.Year, following.Month, dayNumber, rollYear: false);
            }
            return resolved;
        }
        if (Weekday().Match(text) is { Success: true } weekday)
        {
            var day = Enum.Parse<DayOfWeek>(weekday.Groups["day"].Value, ignoreCase: true);
            return Day(NextWeekday(today, day, allowToday: weekday.Groups["which"].Value == "this"));
        }
        return (null, null);
    }

    static TimeOnly? ParseTime(string text)
    {
        if (Contains(text, "noon") || Contains(text, "midday"))
        {
            return new TimeOnly(12, 0);
        }
        if (QuarterOrHalf().Match(text) is { Success: true } fraction)
        {
            var hour = int.Parse(fraction.Groups["hour"].Value, CultureInfo.InvariantCulture);
            return fraction.Groups["which"].Value switch
            {
                "half past" => Clock(hour, 30, null, text),
                "quarter past" => Clock(hour, 15, null, text),
                _ => Clock(hour == 1 ? 12 : hour - 1, 45, null, text),
            };
        }
        foreach (Match clock in ClockTime().Matches(text))
        {
            var hour = int.Parse(clock.Groups["hour"].Value, CultureInfo.InvariantCulture);
            var minute = clock.Groups["minute"].Success ? int.Parse(clock.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
            var meridiem = clock.Groups["meridiem"].Success ? clock.Groups["meridiem"].Value.Replace(".", "", StringComparison.Ordinal) : null;
            var explicitTime = clock.Groups["minute"].Success || meridiem is not null || clock.Groups["at"].Success || clock.Groups["oclock"].Success
                || clock.Groups["part"].Success || clock.Groups["inthe"].Success;
            if (explicitTime && Clock(hour, minute, meridiem, text) is { } time)
            {
                return time;
            }
        }
        return null;
    }

    static TimeOnly? Clock(int hour, int minute, string? meridiem, string text)
    {
        // "Quarter to zero" asks for hour -1: no time (found by fuzzing).
        if (hour is < 0 or > 23 || minute is < 0 or > 59)
        {
            return null;
        }
        var part = ParsePartOfDay(text);
        if (meridiem is "pm" && hour < 12 || meridiem is null && hour < 12 && (part is PartOfDay.Afternoon or PartOfDay.Evening || part == PartOfDay.Any && hour is >= 1 and <= 6))
        {
            hour += 12;
        }
        if (meridiem is "am" && hour == 12)
        {
            hour = 0;
        }
        return new TimeOnly(hour, minute);
    }

    static PartOfDay ParsePartOfDay(string text) =>
        Contains(text, "morning") ? PartOfDay.Morning
        : Contains(text, "afternoon") ? PartOfDay.Afternoon
        : Contains(text, "evening") || Contains(text, "tonight") ? PartOfDay.Evening
        : PartOfDay.Any;

    static (DateOnly? From, DateOnly? To) Resolve(DateOnly today, int year, int month, int day, bool rollYear)
    {
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return (null, null);
        }
        var date = new DateOnly(year, month, day);
        if (rollYear && date < today && day <= DateTime.DaysInMonth(year + 1, month))
        {
            date = date.AddYears(1);
        }
        return Day(date);
    }

    static (DateOnly? From, DateOnly? To) Day(DateOnly day) => (day, day);

    static DateOnly NextWeekday(DateOnly today, DayOfWeek day, bool allowToday)
    {
        var ahead = ((int)day - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(ahead == 0 && !allowToday ? 7 : ahead);
    }

    static bool Contains(string text, string phrase) => Regex.IsMatch(text, $@"\b{Regex.Escape(phrase)}\b");

    /// <summary>"the twenty first" → "the 21st", so the date patterns see digits.</summary>
    static string OrdinalsToDigits(string text) => OrdinalWord().Replace(text, m =>
    {
        var tens = m.Groups["tens"].Success ? (m.Groups["tens"].Value == "twenty" ? 20 : 30) : 0;
        return (tens + OrdinalWords[m.Groups["unit"].Value]).ToString(CultureInfo.InvariantCulture) + "th";
    });

    [GeneratedRegex(@"\b(?:(?<tens>twenty|thirty)[ -])?(?<unit>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b")]
    private static partial Regex OrdinalWord();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?:(?<month>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?:the\s+)?(?<day>\d{1,2})(?:st|nd|rd|th)?\b|(?:the\s+)?(?<day2>\d{1,2})(?:st|nd|rd|th)?\s+of\s+(?<month>january|february|march|april|may|june|july|august|september|october|november|december)\b)")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(\d{1,2})/(\d{1,2})\b")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?:the\s+)?(?<day>\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\s+(?<which>this|next)\s+month)?")]
    private static partial Regex DayOfMonth();

    [GeneratedRegex(@"\b(?:(?<which>next|this|on|coming)\s+)?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(?<which>half past|quarter past|quarter to)\s+(?<hour>\d{1,2})\b")]
    private static partial Regex QuarterOrHalf();

    [GeneratedRegex(@"(?:(?<at>\b(?:at|around|by|for|from)\s+)|(?<part>\b(?:morning|afternoon|evening)\s+)|\b)(?<hour>\d{1,2})(?::(?<minute>\d{2}))?\s*(?:(?<meridiem>a\.?m\.?|p\.?m\.?)|(?<oclock>o['""]?clock)|(?<inthe>in the (?:morning|afternoon|evening)))?(?![\d/:]|st\b|nd\b|rd\b|th\b)")]
    private static partial Regex ClockTime();
}
