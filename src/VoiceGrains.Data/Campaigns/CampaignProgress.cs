namespace VoiceGrains.Data.Campaigns;

/// <summary>A campaign with its contacts counted by state, and the calls it has placed.</summary>
public sealed record CampaignProgress(
    Campaign Campaign, int Contacts, int Pending, int InProgress, int Reached, int Voicemail, int Failed, int OptedOut, int CallsPlaced);
