namespace VoiceGrains.Data.Surveys;

/// <summary>
/// A question set's results: how many calls were asked, finished it or declined, and per question the answers'
/// distribution, average, NPS, sentiment and verbatims.
/// </summary>
public sealed record SurveyReport(long SurveyId, string Name, SurveyKind Kind, int Responses, int Completed, int Declined, IReadOnlyList<QuestionReport> Questions);

/// <summary>
/// One question's results. <see cref="Average"/> for rating and NPS; <see cref="Nps"/> (promoters 9–10 minus
/// detractors 0–6, in percent of answers) for NPS; sentiment counts and the latest verbatims for open answers.
/// </summary>
public sealed record QuestionReport(
    int Number, QuestionKind Kind, string Text, int Answered, IReadOnlyList<AnswerCount> Distribution, double? Average, int? Nps,
    SentimentCounts? Sentiment, IReadOnlyList<string> Verbatims);

public sealed record AnswerCount(string Answer, int Count);

/// <summary>Open answers by the lexicon's score: positive above 0.2, negative below −0.2, neutral between.</summary>
public sealed record SentimentCounts(int Positive, int Neutral, int Negative, double Average);
