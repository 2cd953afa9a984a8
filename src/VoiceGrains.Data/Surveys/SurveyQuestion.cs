namespace VoiceGrains.Data.Surveys;

/// <summary>
/// One question, numbered from 1 in the order it is asked. <see cref="Choices"/> only for a choice question;
/// <see cref="Points"/> (qualification) gives points to stored answers: "yes", "no", a choice, or a number as digits.
/// </summary>
public sealed record SurveyQuestion(int Number, QuestionKind Kind, string Text, IReadOnlyList<string> Choices, IReadOnlyDictionary<string, int> Points)
{
    public const int MaxText = 300;
    public const int MaxChoices = 9;

    /// <summary>What is wrong with the question, in words for the operator; null when it can be stored.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Text) || Text.Trim().Length > MaxText ? $"question {Number} needs a text of at most {MaxText} characters."
        : !Enum.IsDefined(Kind) ? $"question {Number}: kind must be rating, nps, yes_no, choice or open."
        : Kind == QuestionKind.Choice && (Choices.Count is < 2 or > MaxChoices || Choices.Any(string.IsNullOrWhiteSpace))
            ? $"question {Number} is a choice question and needs 2 to {MaxChoices} choices."
        : Kind != QuestionKind.Choice && Choices.Count > 0 ? $"question {Number}: only choice questions have choices."
        : Choices.Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Choices.Count ? $"question {Number} names a choice twice."
        : Points.Keys.FirstOrDefault(answer => !Answers().Contains(answer)) is { } stray
            ? $"question {Number} gives points to \"{stray}\", which is not one of its answers ({string.Join(", ", Answers())})."
        : null;

    /// <summary>Every answer this question can store (none listed for an open question).</summary>
    public IReadOnlyList<string> Answers() => Kind switch
    {
        QuestionKind.Rating => Enumerable.Range(1, 5).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        QuestionKind.Nps => Enumerable.Range(0, 11).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
        QuestionKind.YesNo => ["yes", "no"],
        QuestionKind.Choice => Choices,
        _ => [],
    };
}
