namespace VoiceGrains.Contracts.Customers;

/// <summary>Something the business promised the customer and has not done yet (a callback, a check).</summary>
[GenerateSerializer, Alias("VoiceGrains.FollowUp")]
public sealed record FollowUp(
    [property: Id(0)] long Id,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset? DueAt,
    [property: Id(3)] string? CallSid);
