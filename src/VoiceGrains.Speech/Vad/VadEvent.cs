namespace VoiceGrains.Speech.Vad;

/// <summary>Something the VAD noticed; times are from the start of the stream.</summary>
public abstract record VadEvent;

/// <summary>Speech has lasted long enough to count (barge-in can act now). <c>At</c> includes the pad.</summary>
public sealed record SpeechStarted(TimeSpan At) : VadEvent;

/// <summary>A finished speech segment (end of the caller's turn once the silence has lasted).</summary>
public sealed record SpeechEnded(TimeSpan Start, TimeSpan End, float MeanProbability) : VadEvent;
