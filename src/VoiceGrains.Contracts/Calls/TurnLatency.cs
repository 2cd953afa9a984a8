namespace VoiceGrains.Contracts.Calls;

/// <summary>Per-turn stage timings in milliseconds; a stage that did not run is null.</summary>
[GenerateSerializer, Alias("VoiceGrains.TurnLatency")]
public sealed record TurnLatency(
    [property: Id(0)] int? SpeechToTextMs = null,
    [property: Id(1)] int? LlmFirstTokenMs = null,
    [property: Id(2)] int? TextToSpeechFirstAudioMs = null,
    [property: Id(3)] int? VoiceToVoiceMs = null);
