namespace VoiceGrains.Conversation.Functions;

/// <summary>Morning is before noon, afternoon noon to five, evening from five, in the business's local time.</summary>
public enum PartOfDay
{
    Any,
    Morning,
    Afternoon,
    Evening,
}

public static class PartOfDayExtensions
{
    public static bool Contains(this PartOfDay part, TimeOnly time) => part switch
    {
        PartOfDay.Morning => time.Hour < 12,
        PartOfDay.Afternoon => time.Hour is >= 12 and < 17,
        PartOfDay.Evening => time.Hour >= 17,
        _ => true,
    };

    public static PartOfDay Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "morning" => PartOfDay.Morning,
        "afternoon" => PartOfDay.Afternoon,
        "evening" or "night" => PartOfDay.Evening,
        _ => PartOfDay.Any,
    };
}
