namespace VoiceGrains.Data.Campaigns;

/// <summary>
/// One contact of a campaign as stored: who, in which zone, how far its attempts have gone, and for a reminder the
/// appointment and what its call is about (<see cref="Purpose"/>, instead of the campaign's).
/// </summary>
public sealed record CampaignContact(
    long Id, string Phone, string? Name, long? CustomerId, string? TimeZone, ContactState State, int Attempts,
    DateTimeOffset? NextAttemptAt, string? LastOutcome, long? AppointmentId = null, string? Purpose = null);
