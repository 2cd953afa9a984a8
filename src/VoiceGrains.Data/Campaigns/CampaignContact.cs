namespace VoiceGrains.Data.Campaigns;

/// <summary>One contact of a campaign as stored: who, in which zone, and how far its attempts have gone.</summary>
public sealed record CampaignContact(
    long Id, string Phone, string? Name, long? CustomerId, string? TimeZone, ContactState State, int Attempts,
    DateTimeOffset? NextAttemptAt, string? LastOutcome);
