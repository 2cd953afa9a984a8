namespace VoiceGrains.Contracts.Calls;

/// <summary>A turn as a speech or agent stage reports it; the call grain numbers and stores it.</summary>
[GenerateSerializer, Alias("VoiceGrains.NewTurn")]
public sealed record NewTurn(
    [property: Id(0)] Speaker Speaker,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt = null,
    [property: Id(4)] TurnLatency? Latency = null);
