using System.Text.Json.Serialization;

namespace VoiceGrains.Data.Surveys;

/// <summary>A stored question set.</summary>
public sealed record Survey(long Id, SurveyDefinition Definition, DateTimeOffset CreatedAt)
{
    [JsonIgnore]
    public string Name => Definition.Name;

    [JsonIgnore]
    public SurveyKind Kind => Definition.Kind;

    [JsonIgnore]
    public IReadOnlyList<SurveyQuestion> Questions => Definition.Questions;

    /// <summary>The question with this number; null for one the survey does not have.</summary>
    public SurveyQuestion? Question(int number) => number >= 1 && number <= Questions.Count ? Questions[number - 1] : null;

    /// <summary>A qualification's score for its answers: the sum of each answer's points.</summary>
    public int Score(IEnumerable<SurveyAnswer> answers) =>
        answers.Sum(a => Question(a.Question)?.Points.TryGetValue(a.Answer, out var points) == true ? points : 0);

    /// <summary>A qualification's grade for a score.</summary>
    public LeadGrade Grade(int score) =>
        score >= Definition.HotAt ? LeadGrade.Hot : score >= Definition.WarmAt ? LeadGrade.Warm : LeadGrade.Cold;
}
