namespace VoiceGrains.Contracts.Calls;

/// <summary>One stored turn of a call's conversation, numbered from 0.</summary>
[GenerateSerializer, Alias("VoiceGrains.CallTurn")]
public sealed record CallTurn(
    [property: Id(0)] int Seq,
    [property: Id(1)] Speaker Speaker,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] TurnLatency Latency);
