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
/// The call is over on our side: the carrier connection is closed once everything before this on the stream has gone
/// out. For a Twilio <c>&lt;Connect&gt;&lt;Stream&gt;</c> call that is the hang-up: Twilio goes on with the TwiML after
/// the stream, and there is none. Moving a caller to a person is not done here but through the call-control port.
/// </summary>
[GenerateSerializer, Alias("VoiceGrains.CloseMediaStream")]
public sealed record CloseMediaStream : AgentAudio;
