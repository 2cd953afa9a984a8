namespace VoiceGrains.Data.Calls;

/// <summary>What is known of a call once it has ended: its summary, overall sentiment (-1 to 1) and the caller's rating.</summary>
public sealed record CallReview(string? Summary, float? Sentiment, int? Csat);
