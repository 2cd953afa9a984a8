namespace VoiceGrains.Data.Surveys;

/// <summary>What a question set is for: asking opinions, or qualifying a lead (its answers score into a grade).</summary>
public enum SurveyKind
{
    Survey,
    Qualification,
}
