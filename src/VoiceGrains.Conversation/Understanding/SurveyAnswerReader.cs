using System.Globalization;
using System.Text.RegularExpressions;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// Reads a caller's answer to one survey question, said or keyed, into its stored form: a rating 1–5 or NPS 0–10 as
/// digits ("four", "I'd say a 9"), "yes" / "no" (keys 1 / 2), a choice by its name or its number, or an open answer
/// verbatim. Null when the answer does not fit the question, so the agent asks again. Both engines' answers pass
/// through here: what is stored never depends on how a model phrased it.
/// </summary>
public static partial class SurveyAnswerReader
{
    public static SurveyAnswer? Read(SurveyQuestion question, string text, bool keyed)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }
        var normalized = SpokenNumbers.Normalize(trimmed.ToLowerInvariant());
        switch (question.Kind)
        {
            case QuestionKind.Rating:
            case QuestionKind.Nps:
                var (low, high) = question.Kind == QuestionKind.Rating ? (1, 5) : (0, 10);
                var numbers = Numbers().Matches(normalized).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Where(n => n >= low && n <= high).Distinct().ToList();
                // "a four or a five" is no answer; "four out of five" is four.
                var scale = OutOf().Match(normalized);
                if (scale.Success)
                {
                    numbers.Remove(int.Parse(scale.Groups[1].Value, CultureInfo.InvariantCulture));
                }
                return numbers is [var number] ? new SurveyAnswer(question.Number, number.ToString(CultureInfo.InvariantCulture), number, null, keyed) : null;
            case QuestionKind.YesNo:
                bool? yes = keyed ? trimmed switch { "1" => true, "2" => false, _ => null } : null;
                if (!keyed)
                {
                    var utterance = UtteranceParser.Parse(trimmed, DateOnly.MinValue);
                    yes = utterance.Has(Intent.Yes) == utterance.Has(Intent.No) ? null : utterance.Has(Intent.Yes);
                }
                return yes is { } said ? new SurveyAnswer(question.Number, said ? "yes" : "no", said ? 1 : 0, null, keyed) : null;
            case QuestionKind.Choice:
                var named = question.Choices.Select((c, i) => (Choice: c, Position: i + 1))
                    .Where(c => !keyed && normalized.Contains(c.Choice.ToLowerInvariant(), StringComparison.Ordinal)).ToList();
                var byNumber = Numbers().Matches(normalized).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture))
                    .Where(n => n >= 1 && n <= question.Choices.Count).Distinct().ToList();
                var chosen = named is [var one] ? one.Position : named.Count == 0 && byNumber is [var position] ? position : (int?)null;
                return chosen is { } p ? new SurveyAnswer(question.Number, question.Choices[p - 1], p, null, keyed) : null;
            default:
                if (keyed)
                {
                    return null;
                }
                var verbatim = SensitiveText.Redact(trimmed);
                return new SurveyAnswer(question.Number, verbatim.Length > 1000 ? verbatim[..1000] : verbatim, null, SentimentLexicon.Score(verbatim), false);
        }
    }

    [GeneratedRegex(@"\b\d{1,2}\b")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"\b(?:out of|of)\s+(\d{1,2})\b")]
    private static partial Regex OutOf();
}
