namespace VoiceGrains.Contracts.Calls;

/// <summary>What the carrier tells us when a call begins; numbers are E.164.</summary>
[GenerateSerializer, Alias("VoiceGrains.CallStart")]
public sealed record CallStart(
    [property: Id(0)] CallDirection Direction,
    [property: Id(1)] string From,
    [property: Id(2)] string To);
