using VoiceGrains.Contracts.Campaigns;

namespace VoiceGrains.Data.Campaigns;

/// <summary>A stored campaign: its definition, where it is, and its rules with the zone made concrete.</summary>
public sealed record Campaign(
    long Id, string Name, CampaignKind Kind, string Purpose, CampaignStatus Status, CampaignRules Rules, DateTimeOffset CreatedAt, long? SurveyId = null);
