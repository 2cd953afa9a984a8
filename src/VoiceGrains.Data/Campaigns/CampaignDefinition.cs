namespace VoiceGrains.Data.Campaigns;

/// <summary>
/// What an operator gives to create a campaign: a unique name, what it calls for, the purpose the agent opens with, its
/// rules, and for a survey or lead-qualification campaign the question set its calls ask.
/// </summary>
public sealed record CampaignDefinition(string Name, CampaignKind Kind, string Purpose, CampaignRules Rules, long? SurveyId = null)
{
    public const int MaxName = 100;
    public const int MaxPurpose = 200;

    /// <summary>What is wrong with the definition, in words for the operator; null when it can be stored.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxName ? $"name is required (at most {MaxName} characters)."
        : string.IsNullOrWhiteSpace(Purpose) || Purpose.Trim().Length > MaxPurpose ? $"purpose is required (what the agent calls about, at most {MaxPurpose} characters)."
        : !Enum.IsDefined(Kind) ? "kind must be reminder, survey, lead_qualification or custom."
        : Rules.RemindBefore is not null && Kind != CampaignKind.Reminder ? "remindBefore is for reminder campaigns only."
        : AsksSurvey(Kind) != SurveyId.HasValue ? "surveyId is required for survey and lead_qualification campaigns, and only for them."
        : Rules.Problem();

    /// <summary>Whether campaigns of this kind ask a question set.</summary>
    public static bool AsksSurvey(CampaignKind kind) => kind is CampaignKind.Survey or CampaignKind.LeadQualification;
}
