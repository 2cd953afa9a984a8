namespace VoiceGrains.Conversation.Functions;

/// <summary>Ask this question next, in these words (its number is what the answer is recorded under).</summary>
public sealed record SurveyQuestionToAsk(int Question, string Text, int Of);

/// <summary>The answer did not fit the question: ask it again, with the hint.</summary>
public sealed record SurveyAnswerUnclear(int Question, string Text, string Hint);

/// <summary>
/// Every question is answered. A qualification also gives the lead's grade; a hot lead is to be offered a demo
/// (<see cref="DemoService"/>, through the appointment functions) or a transfer to sales.
/// </summary>
public sealed record SurveyCompleted(string? Grade, bool OfferDemoOrSales, string? DemoService);

/// <summary>The callee would not take the survey; it is recorded as declined.</summary>
public sealed record SurveyDeclined;
