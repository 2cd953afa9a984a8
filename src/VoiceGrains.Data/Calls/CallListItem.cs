namespace VoiceGrains.Data.Calls;

/// <summary>A row of the calls table as the operators' list shows it, with the customer's name and the call's rating.</summary>
public sealed record CallListItem(
    string CallSid,
    string Direction,
    string From,
    string To,
    long? CustomerId,
    string? CustomerName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Outcome,
    float? Sentiment,
    int? Csat,
    string Channel);
