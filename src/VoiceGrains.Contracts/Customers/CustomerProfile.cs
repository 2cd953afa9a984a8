namespace VoiceGrains.Contracts.Customers;

[GenerateSerializer, Alias("VoiceGrains.CustomerProfile")]
public sealed record CustomerProfile(
    [property: Id(0)] long Id,
    [property: Id(1)] string Phone,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Email,
    [property: Id(4)] string? Zip,
    [property: Id(5)] string PreferencesJson,
    [property: Id(6)] string? Address);
