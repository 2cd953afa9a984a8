namespace VoiceGrains.Data.Surveys;

/// <summary>
/// What an operator gives to create a question set. A rating or NPS answer at or below <see cref="FollowUpAtOrBelow"/>
/// opens a follow-up for the customer; a qualification set grades its score with <see cref="HotAt"/> and <see cref="WarmAt"/>.
/// </summary>
public sealed record SurveyDefinition(
    string Name, SurveyKind Kind, IReadOnlyList<SurveyQuestion> Questions, int? FollowUpAtOrBelow = null, int? HotAt = null, int? WarmAt = null)
{
    public const int MaxName = 100;
    public const int MaxQuestions = 20;

    /// <summary>What is wrong with the definition, in words for the operator; null when it can be stored (the table's CHECKs agree).</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Name) || Name.Trim().Length > MaxName ? $"name is required (at most {MaxName} characters)."
        : !Enum.IsDefined(Kind) ? "kind must be survey or qualification."
        : Questions.Count is 0 or > MaxQuestions ? $"a survey has 1 to {MaxQuestions} questions."
        : Questions.Select((q, i) => q.Number != i + 1 ? $"questions are numbered 1, 2, 3… in order; question {i + 1} says {q.Number}." : q.Problem())
            .FirstOrDefault(p => p is not null) is { } problem ? problem
        : FollowUpAtOrBelow is < 0 or > 9 ? "followUpAtOrBelow is a score from 0 to 9."
        : Kind == SurveyKind.Qualification && (HotAt is null || WarmAt is null || HotAt <= WarmAt)
            ? "a qualification needs hotAt and warmAt scores, hotAt above warmAt."
        : Kind == SurveyKind.Survey && (HotAt is not null || WarmAt is not null) ? "hotAt and warmAt are for qualifications only."
        : Kind == SurveyKind.Survey && Questions.Any(q => q.Points.Count > 0) ? "points are for qualifications only."
        : null;
}
