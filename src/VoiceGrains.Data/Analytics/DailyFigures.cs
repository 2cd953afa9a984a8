namespace VoiceGrains.Data.Analytics;

/// <summary>One business day's calls: how many, average handling time, who resolved them, mood and ratings.</summary>
public sealed record DailyFigures(
    DateOnly Day,
    long Calls,
    double? AverageHandlingSeconds,
    long Contained,
    long Transferred,
    double? AverageSentiment,
    double? AverageCsat,
    long CsatResponses);
