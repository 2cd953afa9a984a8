namespace VoiceGrains.Data.Surveys;

/// <summary>One answer with its response, a row of a survey's export.</summary>
public sealed record SurveyResponseRow(
    long ResponseId, string CallSid, string Phone, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, bool Declined,
    int Question, string Answer, int? Value, float? Sentiment, bool Keyed, DateTimeOffset AnsweredAt);
