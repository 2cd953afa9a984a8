namespace VoiceGrains.Data.Analytics;

/// <summary>Calls started at or after <see cref="From"/> and before <see cref="To"/>; days are counted in the business's time zone.</summary>
public sealed record AnalyticsRange(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The longest range analytics are computed over (about three years): every query stays bounded.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1100);

    /// <summary>Why this range cannot be used, or null.</summary>
    public string? Problem => To <= From ? "The range must end after it starts." : To - From > Longest ? "The range may span at most 1,100 days." : null;
}
