using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Contracts.Customers;

[GenerateSerializer, Alias("VoiceGrains.CallHistoryEntry")]
public sealed record CallHistoryEntry(
    [property: Id(0)] string CallSid,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset? EndedAt,
    [property: Id(5)] CallOutcome? Outcome,
    [property: Id(4)] string? Summary);
