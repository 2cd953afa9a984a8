namespace VoiceGrains.Contracts.Calls;

/// <summary>
/// Per-turn stage timings in milliseconds; a stage that did not run is null. A caller's turn has the end-of-turn wait
/// (from the end of their voice to the VAD's decision that they had finished) and recognition; the agent's answer has
/// the rest, and its voice-to-voice spans them all.
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.TurnLatency")]
public sealed record TurnLatency(
    [property: Id(0)] int? SpeechToTextMs = null,
    [property: Id(1)] int? LlmFirstTokenMs = null,
    [property: Id(2)] int? TextToSpeechFirstAudioMs = null,
    [property: Id(3)] int? VoiceToVoiceMs = null,
    [property: Id(4)] int? EndOfTurnMs = null);
