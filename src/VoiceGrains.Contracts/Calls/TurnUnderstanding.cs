namespace VoiceGrains.Contracts.Calls;

/// <summary>What a caller turn meant: its intent, the entities in it (slot name → value) and its sentiment in −1…1.</summary>
[GenerateSerializer, Alias("VoiceGrains.TurnUnderstanding")]
public sealed record TurnUnderstanding(
    [property: Id(0)] string Intent,
    [property: Id(1)] IReadOnlyDictionary<string, string> Entities,
    [property: Id(2)] float Sentiment);
