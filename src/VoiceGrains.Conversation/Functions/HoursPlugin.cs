using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Business;

namespace VoiceGrains.Conversation.Functions;

/// <summary>Opening hours and holidays, always in the business's own time zone.</summary>
public sealed class HoursPlugin(BusinessCalendar calendar, TimeProvider time)
{
    [KernelFunction(AgentFunctions.IsOpenNow)]
    [Description("Says whether the business is open right now, until when, or when it next opens.")]
    public object IsOpenNow()
    {
        var now = time.GetUtcNow();
        var local = calendar.LocalTime(now);
        var today = calendar.HoursOn(DateOnly.FromDateTime(local.DateTime));
        var open = calendar.IsOpenAt(now);
        return new OpenNow(
            open,
            SpokenTime.Time(TimeOnly.FromDateTime(local.DateTime)),
            open ? SpokenTime.Time(today!.Closes) : null,
            open ? null : calendar.NextOpening(now) is { } next ? SpokenTime.DayAndTime(calendar.LocalTime(next)) : null);
    }

    [KernelFunction(AgentFunctions.HoursOn)]
    [Description("Gets the opening hours on one local date, including whether it is a holiday.")]
    public object HoursOn([Description("The local date, yyyy-MM-dd")] string date)
    {
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new Refusal("I didn't get which day you mean.", "Pass the date as yyyy-MM-dd.");
        }
        return Describe(day);
    }

    [KernelFunction(AgentFunctions.Holidays)]
    [Description("Lists the holidays in the next 90 days, when the business is closed.")]
    public object ListHolidays()
    {
        var today = calendar.LocalDate(time.GetUtcNow());
        return new HolidayListing(calendar.Holidays.Where(h => h.Day >= today && h.Day <= today.AddDays(90)).Select(h => Describe(h.Day)).ToList());
    }

    DayHours Describe(DateOnly day)
    {
        var hours = calendar.HoursOn(day);
        return new DayHours(SpokenTime.Day(day), hours is null ? null : SpokenTime.Time(hours.Opens), hours is null ? null : SpokenTime.Time(hours.Closes), calendar.HolidayOn(day)?.Name);
    }
}
