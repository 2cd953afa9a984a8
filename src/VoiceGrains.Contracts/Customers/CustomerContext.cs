namespace VoiceGrains.Contracts.Customers;

/// <summary>What the agent knows about a caller when a call begins.</summary>
[GenerateSerializer, Alias("VoiceGrains.CustomerContext")]
public sealed record CustomerContext(
    [property: Id(0)] CustomerProfile Profile,
    [property: Id(1)] IReadOnlyList<CallHistoryEntry> RecentCalls,
    [property: Id(2)] IReadOnlyList<FollowUp> OpenFollowUps);
