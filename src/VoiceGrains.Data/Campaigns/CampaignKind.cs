namespace VoiceGrains.Data.Campaigns;

/// <summary>What a campaign calls people for; stored in snake case ("lead_qualification").</summary>
public enum CampaignKind
{
    Reminder,
    Survey,
    LeadQualification,
    Custom,
}
