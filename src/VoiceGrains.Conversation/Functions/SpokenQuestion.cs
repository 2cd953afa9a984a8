using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation.Functions;

/// <summary>A survey question as the agent says it: its text, then how it can be answered, by voice or keypad.</summary>
public static class SpokenQuestion
{
    public static string For(SurveyQuestion question) => question.Kind switch
    {
        QuestionKind.Rating => $"{question.Text} From one to five, where five is best; you can also press the key.",
        QuestionKind.Nps => $"{question.Text} From zero to ten; you can also key it in.",
        QuestionKind.YesNo => $"{question.Text} You can say yes or no, or press 1 for yes and 2 for no.",
        QuestionKind.Choice => $"{question.Text} {Choices(question.Choices)}? You can also press 1 to {question.Choices.Count}.",
        _ => question.Text,
    };

    static string Choices(IReadOnlyList<string> choices) =>
        string.Join(", ", choices.Take(choices.Count - 1)) + ", or " + choices[^1];
}
