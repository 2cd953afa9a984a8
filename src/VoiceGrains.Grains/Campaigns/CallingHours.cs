using VoiceGrains.Data.Business;
using VoiceGrains.Data.Campaigns;

namespace VoiceGrains.Grains.Campaigns;

/// <summary>
/// Whether a contact may be called now: inside the campaign's window in the callee's own local time (their zone,
/// else the campaign's), and never on one of the business's holidays (a date in the business's zone).
/// </summary>
public static class CallingHours
{
    public static bool AllowCall(CampaignRules rules, string? contactZone, BusinessCalendar? business, DateTimeOffset now)
    {
        if (business?.HolidayOn(business.LocalDate(now)) is not null)
        {
            return false;
        }
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ZoneOf(rules, contactZone)).DateTime);
        return local >= rules.WindowStart && local < rules.WindowEnd;
    }

    /// <summary>The contact's zone when it names a known one, else the campaign's (always set once stored), else UTC.</summary>
    static TimeZoneInfo ZoneOf(CampaignRules rules, string? contactZone) =>
        contactZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(contactZone, out var zone) ? zone
        : rules.TimeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(rules.TimeZone, out var campaignZone) ? campaignZone
        : TimeZoneInfo.Utc;
}
