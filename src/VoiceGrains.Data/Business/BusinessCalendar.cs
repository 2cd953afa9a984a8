namespace VoiceGrains.Data.Business;

/// <summary>
/// The business's name, time zone, weekly hours and holidays. All questions about "today" or "now" are answered
/// in the business's zone, not the server's: a caller at 8 pm in New York is calling after closing even when the
/// server's clock says 1 am UTC the next day.
/// </summary>
public sealed record BusinessCalendar(
    string Name,
    TimeZoneInfo TimeZone,
    IReadOnlyDictionary<DayOfWeek, OpeningHours> WeeklyHours,
    IReadOnlyList<Holiday> Holidays)
{
    public DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant).DateTime);

    public Holiday? HolidayOn(DateOnly day) => Holidays.FirstOrDefault(h => h.Day == day);

    /// <summary>The hours on that local day; null when closed (a holiday or a day without hours).</summary>
    public OpeningHours? HoursOn(DateOnly day) =>
        HolidayOn(day) is null && WeeklyHours.TryGetValue(day.DayOfWeek, out var hours) ? hours : null;

    public bool IsOpenAt(DateTimeOffset instant)
    {
        var local = LocalTime(instant);
        var hours = HoursOn(DateOnly.FromDateTime(local.DateTime));
        var time = TimeOnly.FromDateTime(local.DateTime);
        return hours is not null && time >= hours.Opens && time < hours.Closes;
    }

    /// <summary>The instant a local date and time in the business's zone stands for.</summary>
    public DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    /// <summary>The next moment the business opens after <paramref name="instant"/>, looking up to two weeks ahead.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset instant)
    {
        var today = LocalDate(instant);
        for (var ahead = 0; ahead < 14; ahead++)
        {
            var day = today.AddDays(ahead);
            if (HoursOn(day) is { } hours && ToInstant(day, hours.Opens) is var opens && opens > instant)
            {
                return opens;
            }
        }
        return null;
    }
}
