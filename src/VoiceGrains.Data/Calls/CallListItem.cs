namespace VoiceGrains.Data.Calls;

/// <summary>A row of the calls table as the operators' list shows it.</summary>
public sealed record CallListItem(
    string CallSid,
    string Direction,
    string From,
    string To,
    long? CustomerId,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Outcome);
