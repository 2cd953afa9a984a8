namespace VoiceGrains.Data.Surveys;

/// <summary>
/// One stored answer: the answer in its stored form ("4", "yes", a choice, an open answer verbatim), its number
/// (rating, NPS, 1/0 for yes/no, the choice's position), an open answer's sentiment, and whether it was keyed.
/// </summary>
public sealed record SurveyAnswer(int Question, string Answer, int? Value, float? Sentiment = null, bool Keyed = false);
