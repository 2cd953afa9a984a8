using System.Globalization;
using System.Text.Json;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;

namespace VoiceGrains.Conversation.Tests;

public sealed class TimeExpressionTests
{
    static readonly DateOnly Thursday = new(2026, 11, 26);

    [Theory]
    [InlineData("tomorrow at 3", "2026-11-27", "15:00")]
    [InlineData("next Tuesday afternoon", "2026-12-01", null)]
    [InlineData("on Monday at 10:30 am", "2026-11-30", "10:30")]
    [InlineData("the day after tomorrow at noon", "2026-11-28", "12:00")]
    [InlineData("December 3rd at half past two", "2026-12-03", "14:30")]
    [InlineData("the 2nd of january", "2027-01-02", null)]
    [InlineData("the 13th of next month", "2026-12-13", null)]
    [InlineData("the twenty first", "2026-12-21", null)]
    [InlineData("today at five thirty", "2026-11-26", null)]
    [InlineData("Thursday", "2026-12-03", null)]
    [InlineData("this Thursday", "2026-11-26", null)]
    [InlineData("at 9 in the morning", null, "09:00")]
    [InlineData("a quarter to zero", null, null)]                       // no hour -1 (found by fuzzing: it threw)
    public void CallersDatesAndTimesResolveAgainstTheBusinessToday(string said, string? date, string? time)
    {
        var parsed = TimeExpressions.Parse(said, Thursday);

        Assert.Equal(date, parsed.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (time is not null)
        {
            Assert.Equal(time, parsed.At?.ToString("HH:mm", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void NextWeekAndTheWeekendAreRanges()
    {
        var nextWeek = TimeExpressions.Parse("sometime next week", Thursday);
        var weekend = TimeExpressions.Parse("this weekend in the afternoon", Thursday);

        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 6)), (nextWeek.From, nextWeek.To));
        Assert.Equal((new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29)), (weekend.From, weekend.To));
        Assert.Equal(PartOfDay.Afternoon, weekend.PartOfDay);
    }

    [Fact]
    public void NumbersThatAreNotTimesAreNotReadAsTimes()
    {
        Assert.Null(TimeExpressions.Parse("order 10482 has 3 items", Thursday).At);
        Assert.Null(TimeExpressions.Parse("my zip is 10001", Thursday).At);
    }

    /// <summary>
    /// The appointment dates and times annotated in the Schema-Guided Dialogue services dialogues, each read as its
    /// annotators wrote it and compared with their canonical value; the dialogues' "today" is 2019-03-01.
    /// </summary>
    [SharedDataFact]
    public void SchemaGuidedDialogueAppointmentTimesAreUnderstood()
    {
        var today = new DateOnly(2019, 3, 1);
        using var dialogues = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("dialogs", "appointments", "dialogues.json")));
        var cases = (
            from dialogue in dialogues.RootElement.EnumerateArray()
            from turn in dialogue.GetProperty("turns").EnumerateArray()
            where turn.GetProperty("speaker").GetString() == "USER"
            from frame in turn.GetProperty("frames").EnumerateArray()
            from action in frame.GetProperty("actions").EnumerateArray()
            where action.GetProperty("act").GetString() == "INFORM"
            let slot = action.GetProperty("slot").GetString()
            where slot is "appointment_date" or "appointment_time"
            select (Slot: slot, Said: action.GetProperty("values")[0].GetString()!, Expected: action.GetProperty("canonical_values")[0].GetString()!)).ToList();

        var wrong = cases.Where(c =>
        {
            var parsed = TimeExpressions.Parse(c.Said, today);
            var got = c.Slot == "appointment_date"
                ? parsed.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : parsed.At?.ToString("HH:mm", CultureInfo.InvariantCulture);
            return got != c.Expected;
        }).Select(c => $"{c.Said} → expected {c.Expected}").ToList();

        Assert.True(cases.Count >= 80, $"only {cases.Count} annotated values found");
        Assert.Empty(wrong);
    }
}
