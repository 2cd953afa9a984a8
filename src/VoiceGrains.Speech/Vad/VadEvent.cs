namespace VoiceGrains.Speech.Vad;

/// <summary>Something the VAD noticed; times are from the start of the stream.</summary>
public abstract record VadEvent;

/// <summary>
/// Voice has lasted <see cref="VadOptions.MinInterruption"/>: the caller may be starting to talk, so an agent that is
/// speaking pauses now; <see cref="SpeechStarted"/> or <see cref="FalseStart"/> follows. <c>At</c> is unpadded.
/// </summary>
public sealed record VoiceOnset(TimeSpan At) : VadEvent;

/// <summary>The voice of the last <see cref="VoiceOnset"/> stopped before it was long enough to be speech (a cough, a click).</summary>
public sealed record FalseStart : VadEvent;

/// <summary>Speech has lasted long enough to count (barge-in can act now). <c>At</c> includes the pad.</summary>
public sealed record SpeechStarted(TimeSpan At) : VadEvent;

/// <summary>A finished speech segment (end of the caller's turn once the silence has lasted).</summary>
public sealed record SpeechEnded(TimeSpan Start, TimeSpan End, float MeanProbability) : VadEvent;
