using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;
using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Data.Customers;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// The call's survey (or lead qualification): one response per call, each answer read by
/// <see cref="SurveyAnswerReader"/> and stored as it is given, a low rating opening a follow-up for the customer, and a
/// finished qualification scored into the lead's grade. Its state is rebuilt from the database, so a call that moves to
/// another silo goes on from the first unanswered question.
/// </summary>
public sealed class SurveyPlugin(
    CallerSession session, Survey survey, long? customerId, string demoService, SurveyRepository surveys, LeadRepository leads, CustomerRepository customers)
{
    long? responseId;
    List<SurveyAnswer>? answers;

    [KernelFunction(AgentFunctions.StartSurvey)]
    [Description("Starts the call's survey once the callee agrees to answer it; returns the first question to ask.")]
    public async Task<object> StartAsync(CancellationToken cancellationToken)
    {
        var given = await AnswersAsync(cancellationToken);
        session.SurveyInProgress = true;
        return (object?)NextQuestion(given) ?? await CompleteAsync(given, cancellationToken);
    }

    [KernelFunction(AgentFunctions.RecordAnswer)]
    [Description("Records the callee's answer to a survey question, in their words (or the key they pressed); returns the next question to ask, or that the survey is complete.")]
    public async Task<object> RecordAnswerAsync(
        [Description("The question's number, as returned with it")] int question,
        [Description("The callee's answer as they said it")] string answer,
        CancellationToken cancellationToken)
    {
        var given = await AnswersAsync(cancellationToken);
        if (survey.Question(question) is not { } asked)
        {
            return new Refusal($"This survey has no question {question}.", "Record the answer under the number the question came with.");
        }
        if (SurveyAnswerReader.Read(asked, answer ?? "", session.LineKeyed) is not { } read)
        {
            return new SurveyAnswerUnclear(asked.Number, SpokenQuestion.For(asked), Hint(asked));
        }
        await surveys.SaveAnswerAsync(responseId!.Value, read, cancellationToken);
        given.RemoveAll(a => a.Question == read.Question);
        given.Add(read);
        session.SurveyInProgress = true;
        if (read.Value is { } value && asked.Kind is QuestionKind.Rating or QuestionKind.Nps
            && value <= survey.Definition.FollowUpAtOrBelow && customerId is { } customer)
        {
            await customers.AddFollowUpAsync(
                customer, $"Survey \"{survey.Name}\": answered {value} to \"{asked.Text}\"", null, session.CallSid, cancellationToken);
        }
        return (object?)NextQuestion(given) ?? await CompleteAsync(given, cancellationToken);
    }

    [KernelFunction(AgentFunctions.DeclineSurvey)]
    [Description("Records that the callee does not want to answer the survey.")]
    public async Task<object> DeclineAsync(CancellationToken cancellationToken)
    {
        await AnswersAsync(cancellationToken);
        await surveys.FinishResponseAsync(responseId!.Value, declined: true, cancellationToken);
        session.SurveyInProgress = false;
        return new SurveyDeclined();
    }

    async Task<List<SurveyAnswer>> AnswersAsync(CancellationToken cancellationToken)
    {
        responseId ??= await surveys.BeginResponseAsync(survey.Id, session.CallSid, session.CallingNumber, customerId, cancellationToken);
        return answers ??= [.. await surveys.AnswersAsync(responseId.Value, cancellationToken)];
    }

    SurveyQuestionToAsk? NextQuestion(List<SurveyAnswer> given) =>
        survey.Questions.FirstOrDefault(q => given.All(a => a.Question != q.Number)) is { } next
            ? new SurveyQuestionToAsk(next.Number, SpokenQuestion.For(next), survey.Questions.Count)
            : null;

    async Task<SurveyCompleted> CompleteAsync(List<SurveyAnswer> given, CancellationToken cancellationToken)
    {
        await surveys.FinishResponseAsync(responseId!.Value, declined: false, cancellationToken);
        session.SurveyInProgress = false;
        if (survey.Kind != SurveyKind.Qualification || !PhoneNumber.IsE164(session.CallingNumber))
        {
            return new SurveyCompleted(null, false, null);
        }
        var score = survey.Score(given);
        var grade = survey.Grade(score);
        await leads.SaveQualificationAsync(session.CallingNumber, customerId, responseId.Value, score, grade, cancellationToken);
        session.QualifyLead(grade);
        var hot = grade == LeadGrade.Hot;
        return new SurveyCompleted(grade.ToString().ToLowerInvariant(), hot, hot ? demoService : null);
    }

    static string Hint(SurveyQuestion question) => question.Kind switch
    {
        QuestionKind.Rating => "Please give one number from one to five.",
        QuestionKind.Nps => "Please give one number from zero to ten.",
        QuestionKind.YesNo => "Please say yes or no.",
        QuestionKind.Choice => string.Create(CultureInfo.InvariantCulture, $"Please pick one of the {question.Choices.Count} options."),
        _ => "Please tell me in a few words.",
    };
}
