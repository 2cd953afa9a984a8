namespace VoiceGrains.Data.Messaging;

/// <summary>A queued text a sender has taken: where it goes, what it says, and how often it was tried before.</summary>
public sealed record OutgoingText(long Id, string Phone, string Body, int Attempts);
