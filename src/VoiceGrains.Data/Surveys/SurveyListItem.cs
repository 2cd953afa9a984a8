namespace VoiceGrains.Data.Surveys;

/// <summary>A question set in the list, with how many calls were asked it and how many finished it.</summary>
public sealed record SurveyListItem(long Id, string Name, SurveyKind Kind, int Questions, int Responses, int Completed, DateTimeOffset CreatedAt);
