using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Console.Surveys;

/// <summary>
/// The body of <c>POST /api/surveys</c>: a question set. Questions are asked in the order given; a qualification gives
/// points for answers and the scores that make a lead hot and warm.
/// </summary>
public sealed record SurveyRequest(
    string? Name, SurveyKind? Kind, IReadOnlyList<QuestionRequest>? Questions, int? FollowUpAtOrBelow = null, int? HotAt = null, int? WarmAt = null)
{
    /// <summary>The definition asked for, or what is wrong with the request in words for the operator.</summary>
    public (SurveyDefinition? Definition, string? Problem) ToDefinition()
    {
        if (Questions is null || Questions.Any(q => q is null || q.Kind is null))
        {
            return (null, "questions are required, each with a kind: rating, nps, yes_no, choice or open.");
        }
        var definition = new SurveyDefinition(
            Name ?? "", Kind ?? SurveyKind.Survey,
            Questions.Select((q, i) => new SurveyQuestion(
                i + 1, q.Kind!.Value, q.Text ?? "", (q.Choices ?? []).Select(c => c?.Trim() ?? "").ToList(),
                (q.Points ?? new Dictionary<string, int>()).ToDictionary(p => p.Key.Trim(), p => p.Value))).ToList(),
            FollowUpAtOrBelow, HotAt, WarmAt);
        return definition.Problem() is { } problem ? (null, problem) : (definition, null);
    }
}

/// <summary>One question of a <see cref="SurveyRequest"/>; points keys are stored answers ("yes", "no", a choice, a number).</summary>
public sealed record QuestionRequest(QuestionKind? Kind, string? Text, IReadOnlyList<string>? Choices = null, IReadOnlyDictionary<string, int>? Points = null);
