namespace VoiceGrains.Contracts.Calls;

/// <summary>What goes to the caller on the call's audio-out stream (keyed by call sid), in order.</summary>
[GenerateSerializer, Alias("VoiceGrains.AgentAudio")]
public abstract record AgentAudio;

/// <summary>Agent speech: 8 kHz μ-law, a whole number of 20 ms frames (160 bytes each).</summary>
[GenerateSerializer, Alias("VoiceGrains.AgentSpeech")]
public sealed record AgentSpeech([property: Id(0)] byte[] MuLaw) : AgentAudio;

/// <summary>A named point in the agent's speech; the carrier echoes it back once the caller has heard up to it.</summary>
[GenerateSerializer, Alias("VoiceGrains.AgentMark")]
public sealed record AgentMark([property: Id(0)] string Name) : AgentAudio;

/// <summary>Drop whatever agent audio the carrier still has buffered (barge-in).</summary>
[GenerateSerializer, Alias("VoiceGrains.AgentClear")]
public sealed record AgentClear : AgentAudio;

/// <summary>
/// The call is over on our side (the agent said goodbye, or handed the caller on): the carrier connection is closed,
/// after moving the call to <see cref="TransferTo"/> (a phone number) when there is one.
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.AgentHangUp")]
public sealed record AgentHangUp([property: Id(0)] string? TransferTo) : AgentAudio;
