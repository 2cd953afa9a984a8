namespace VoiceGrains.Contracts.Calls;

/// <summary>One function the agent invoked: arguments and result as JSON, how long it took, whether it worked.</summary>
[GenerateSerializer, Alias("VoiceGrains.FunctionCallRecord")]
public sealed record FunctionCallRecord(
    [property: Id(0)] string Name,
    [property: Id(1)] string ArgumentsJson,
    [property: Id(2)] string? ResultJson,
    [property: Id(3)] int DurationMs,
    [property: Id(4)] bool Success,
    [property: Id(5)] int? TurnSeq,
    [property: Id(6)] DateTimeOffset CalledAt);
