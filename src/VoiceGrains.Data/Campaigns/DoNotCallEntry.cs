namespace VoiceGrains.Data.Campaigns;

/// <summary>One number on the do-not-call list.</summary>
public sealed record DoNotCallEntry(string Phone, DoNotCallSource Source, DateTimeOffset AddedAt);
