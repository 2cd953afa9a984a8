using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// The survey: asked with the callee's consent (the greeting's "is now a good time?" on a survey call, an offer at
/// goodbye on an inbound one), each answer handed to the survey functions as said, their next question read out, and
/// a hot lead offered a demo or the sales team at the end.
/// </summary>
public sealed partial class OfflineDialog
{
    bool surveyOffered;
    int? surveyQuestion;
    string? demoService;

    /// <summary>The survey's step for this line, or null when the line is not about the survey.</summary>
    DialogStep? SurveyStep(Utterance heard)
    {
        if (survey is null || heard.Has(Intent.DoNotCall) || heard.Has(Intent.Human))
        {
            return null;
        }
        if (surveyQuestion is { } question)
        {
            return new DialogStep.Call(Survey, RecordAnswer, Args(("question", question), ("answer", heard.Text)));
        }
        if (awaiting == Awaiting.DemoOrSales)
        {
            awaiting = Awaiting.Nothing;
            if (Sales().IsMatch(heard.Text))
            {
                goal = new Goal(Intent.Human);
                return Finish(new DialogStep.Call(CallControl, Transfer, Args(("reason", "A hot lead asked to speak to sales."))));
            }
            if (heard.Has(Intent.Yes) || heard.Has(Intent.Book) || Demo().IsMatch(heard.Text))
            {
                goal = new Goal(Intent.Book) { Service = demoService, Earliest = true };
                return Advance();
            }
            return Finish(new DialogStep.Call(CallControl, EndCall, Args(("reason", "the lead wanted no demo"))));
        }
        // On a survey call the greeting asked whether now is a good time: the first answer is the consent.
        var consenting = awaiting == Awaiting.SurveyConsent || survey.IsCallReason && !surveyOffered;
        if (!consenting)
        {
            return null;
        }
        surveyOffered = true;
        awaiting = Awaiting.Nothing;
        if (heard.Has(Intent.Yes) && !heard.Has(Intent.No))
        {
            return new DialogStep.Call(Survey, StartSurvey, Args());
        }
        if (heard.Has(Intent.No) || heard.Has(Intent.Goodbye))
        {
            return new DialogStep.Call(Survey, DeclineSurvey, Args());
        }
        return Ask(Awaiting.SurveyConsent, $"Would you have a minute to answer {Questions(survey.Questions)}?");
    }

    /// <summary>At an inbound caller's goodbye: the survey instead of the one-to-five rating; null when there is none to offer.</summary>
    DialogStep? OfferSurvey()
    {
        if (survey is null || survey.IsCallReason || surveyOffered)
        {
            return null;
        }
        surveyOffered = true;
        ratingAsked = true;
        // A qualification set after an inbound call qualifies the caller as a lead: asked about their needs, not the call.
        return Ask(Awaiting.SurveyConsent, survey.Qualifies
            ? $"Before you go, may I ask you {Questions(survey.Questions)} so we can see how best to help you?"
            : $"Before you go, would you answer {Questions(survey.Questions)} about this call?");
    }

    DialogStep OnSurveyResult(object result)
    {
        switch (result)
        {
            case SurveyQuestionToAsk next:
                surveyQuestion = next.Question;
                return Say(next.Question == 1 ? $"Thank you. {next.Text}" : next.Text);
            case SurveyAnswerUnclear unclear:
                return Say($"Sorry, I didn't get that. {unclear.Hint} {unclear.Text}");
            case SurveyCompleted { OfferDemoOrSales: true } completed:
                surveyQuestion = null;
                demoService = completed.DemoService;
                return Ask(Awaiting.DemoOrSales, "Thank you, that's very helpful. It sounds like we could really help you. Would you like to book a demo with our team, or speak to someone from sales right now?");
            case SurveyCompleted:
                surveyQuestion = null;
                return Finish(new DialogStep.Call(CallControl, EndCall, Args(("reason", "survey answered"))));
            default:
                surveyQuestion = null;
                return Finish(new DialogStep.Call(CallControl, EndCall, Args(("reason", "callee declined the survey"))));
        }
    }

    static string Questions(int count) => count == 1 ? "one short question" : $"{count} short questions";

    [GeneratedRegex(@"\b(sales|salesperson|someone now|right now|talk to|speak (to|with))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Sales();

    [GeneratedRegex(@"\bdemo\b", RegexOptions.IgnoreCase)]
    private static partial Regex Demo();
}
