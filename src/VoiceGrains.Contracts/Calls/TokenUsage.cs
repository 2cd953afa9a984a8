namespace VoiceGrains.Contracts.Calls;

/// <summary>The language model's tokens spent on one agent turn, summed over its function-calling rounds.</summary>
[GenerateSerializer, Alias("VoiceGrains.TokenUsage")]
public sealed record TokenUsage(
    [property: Id(0)] long InputTokens,
    [property: Id(1)] long OutputTokens);
