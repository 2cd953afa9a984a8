namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// What the operators' live view shows of a call, published by its grain on <see cref="StreamNames.LiveCalls"/> each
/// time the call starts, changes state, gains a turn or ends, and while the carrier moves its caller to a person
/// (<see cref="OnHoldForTransfer"/>).
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.LiveCall")]
public sealed record LiveCall(
    [property: Id(0)] string CallSid,
    [property: Id(1)] CallDirection Direction,
    [property: Id(2)] string From,
    [property: Id(3)] string To,
    [property: Id(4)] long? CustomerId,
    [property: Id(5)] string? Purpose,
    [property: Id(6)] CallStatus Status,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] CallTurn? LastTurn,
    [property: Id(9)] float? Sentiment,
    [property: Id(10)] DateTimeOffset At,
    [property: Id(11)] bool OnHoldForTransfer = false,
    [property: Id(12)] CallChannel Channel = CallChannel.Phone)
{
    /// <summary>The call's live view from its snapshot: the last turn, and the caller's mean sentiment so far.</summary>
    public static LiveCall Of(CallSnapshot call, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(call);
        var felt = call.Turns.Where(t => t.Speaker == Speaker.Caller && t.Understanding is not null).Select(t => t.Understanding!.Sentiment).ToList();
        return new LiveCall(call.CallSid, call.Direction, call.From, call.To, call.CustomerId, call.Purpose, call.Status, call.StartedAt,
            call.Turns.Count > 0 ? call.Turns[^1] : null, felt.Count > 0 ? felt.Average() : null, at, Channel: call.Channel);
    }
}
