namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// A call as its grain holds it right now. Host names the silo serving it; RecordingPath is the mixed recording
/// once the media stream has ended (the caller's leg lies beside it as "-caller.wav").
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.CallSnapshot")]
public sealed record CallSnapshot(
    [property: Id(0)] string CallSid,
    [property: Id(1)] CallDirection Direction,
    [property: Id(2)] string From,
    [property: Id(3)] string To,
    [property: Id(4)] long? CustomerId,
    [property: Id(5)] CallStatus Status,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? EndedAt,
    [property: Id(13)] CallOutcome? Outcome,
    [property: Id(9)] IReadOnlyList<CallTurn> Turns,
    [property: Id(10)] string Host,
    [property: Id(11)] string? RecordingPath = null,
    [property: Id(12)] string? Purpose = null,
    [property: Id(14)] CallChannel Channel = CallChannel.Phone);
