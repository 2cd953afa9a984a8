using VoiceGrains.Data.Analytics;
using VoiceGrains.Data.Business;

namespace VoiceGrains.Console.Analytics;

/// <summary>Business days (both ends included) as the moments they span in the business's time zone (UTC before one is set up).</summary>
public static class BusinessDays
{
    public static async Task<AnalyticsRange> RangeAsync(BusinessRepository business, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(business);
        var calendar = await business.GetCalendarAsync(cancellationToken);
        return new AnalyticsRange(StartOf(calendar, from), StartOf(calendar, to.AddDays(1)));
    }

    public static DateTimeOffset StartOf(BusinessCalendar? calendar, DateOnly day) =>
        calendar?.ToInstant(day, TimeOnly.MinValue) ?? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Today in the business's time zone.</summary>
    public static DateOnly Today(BusinessCalendar? calendar, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        return DateOnly.FromDateTime((calendar?.LocalTime(now) ?? now).DateTime);
    }
}
