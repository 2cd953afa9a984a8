namespace VoiceGrains.Conversation.Functions;

public sealed record TransferStarted(string Reason);

public sealed record CallEnding(string Reason);

public sealed record SatisfactionRecorded(int Rating);
