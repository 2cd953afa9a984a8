namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// What the carrier tells us when a call begins; numbers are E.164. A call we place also says why
/// (<see cref="Purpose"/>, which the agent opens with), when known which customer it is for, and the survey it asks
/// (a survey or lead-qualification campaign's call).
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.CallStart")]
public sealed record CallStart(
    [property: Id(0)] CallDirection Direction,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string? Purpose = null,
    [property: Id(4)] long? CustomerId = null,
    [property: Id(5)] CallChannel Channel = CallChannel.Phone,
    [property: Id(6)] long? SurveyId = null);
