using VoiceGrains.Data.Business;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Grains.Campaigns;

namespace VoiceGrains.Grains.Tests.Campaigns;

public sealed class CallingHoursTests
{
    static readonly CampaignRules Rules = new() { TimeZone = "America/New_York" };   // 09:00–20:00

    static readonly BusinessCalendar Business = new(
        "Northwind", TimeZoneInfo.FindSystemTimeZoneById("America/New_York"), new Dictionary<DayOfWeek, OpeningHours>(),
        [new Holiday(new DateOnly(2026, 12, 25), "Christmas Day")]);

    [Theory]
    // 14:30 UTC on a Tuesday: 09:30 in New York, 06:30 in Los Angeles, 15:30 in Berlin.
    [InlineData("2026-12-01T14:30:00Z", null, true)]
    [InlineData("2026-12-01T14:30:00Z", "America/Los_Angeles", false)]
    [InlineData("2026-12-01T14:30:00Z", "Europe/Berlin", true)]
    // 01:30 UTC: 20:30 the evening before in New York (the window's end is not in it), 17:30 in Los Angeles.
    [InlineData("2026-12-02T01:30:00Z", null, false)]
    [InlineData("2026-12-02T01:30:00Z", "America/Los_Angeles", true)]
    [InlineData("2026-12-02T00:59:59Z", null, true)]
    [InlineData("2026-12-02T01:00:00Z", null, false)]
    // A zone nobody knows falls back to the campaign's.
    [InlineData("2026-12-01T14:30:00Z", "Mars/Olympus_Mons", true)]
    public void OnlyInsideTheWindowInTheCalleesOwnLocalTime(string now, string? contactZone, bool allowed) =>
        Assert.Equal(allowed, CallingHours.AllowCall(Rules, contactZone, Business, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void NobodyIsCalledOnTheBusinessesHolidayWhereverTheyAre()
    {
        var christmasMorning = new DateTimeOffset(2026, 12, 25, 15, 0, 0, TimeSpan.Zero);   // 10:00 in New York
        Assert.False(CallingHours.AllowCall(Rules, null, Business, christmasMorning));
        Assert.False(CallingHours.AllowCall(Rules, "Europe/Berlin", Business, christmasMorning));
        Assert.True(CallingHours.AllowCall(Rules, null, Business, christmasMorning.AddDays(1)));
    }
}
