namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// One stored turn of a call's conversation, numbered from 0. A caller turn carries what it meant; an agent turn
/// the tokens the language model spent on it (none for the offline engine) and whether the caller cut it short.
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.CallTurn")]
public sealed record CallTurn(
    [property: Id(0)] int Seq,
    [property: Id(1)] Speaker Speaker,
    [property: Id(2)] string Text,
    [property: Id(3)] DateTimeOffset StartedAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] TurnLatency Latency,
    [property: Id(6)] TurnUnderstanding? Understanding = null,
    [property: Id(7)] TokenUsage? Tokens = null,
    [property: Id(8)] bool Interrupted = false);
