namespace VoiceGrains.Conversation.Functions;

public sealed record TransferStarted(string Reason);

public sealed record CallEnding(string Reason);

/// <summary>The caller's number is on the do-not-call list (<see cref="Added"/>: false when it already was); the call ends after the goodbye.</summary>
public sealed record OnDoNotCallList(bool Added);

public sealed record SatisfactionRecorded(int Rating);
