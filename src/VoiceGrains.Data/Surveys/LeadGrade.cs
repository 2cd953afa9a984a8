namespace VoiceGrains.Data.Surveys;

/// <summary>A qualified lead's grade from its score: hot at or above the question set's hot mark, warm at or above its warm mark.</summary>
public enum LeadGrade
{
    Cold,
    Warm,
    Hot,
}
