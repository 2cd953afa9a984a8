using System.Globalization;

namespace VoiceGrains.Conversation.Functions;

/// <summary>Dates and times as the agent says them: "Tuesday, December 1 at 2:30 PM", in the business's zone.</summary>
public static class SpokenTime
{
    static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Day(DateOnly day) => day.ToString("dddd, MMMM d", English);

    public static string Time(TimeOnly time) => time.Minute == 0 ? time.ToString("h tt", English) : time.ToString("h:mm tt", English);

    public static string DayAndTime(DateTimeOffset local) =>
        $"{Day(DateOnly.FromDateTime(local.DateTime))} at {Time(TimeOnly.FromDateTime(local.DateTime))}";

    public static string Money(decimal amount) => amount.ToString("$#,##0.00", English);
}
