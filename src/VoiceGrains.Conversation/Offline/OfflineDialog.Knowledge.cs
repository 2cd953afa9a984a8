using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// Questions the business's documents answer ("what's your return policy?"): looked up first, the answer said, then
/// the line's task, if it has one, carried on as usual ("…do I have to give a reason? I want to cancel" gets the rule,
/// then the cancellation). What the documents do not answer is never guessed at: the caller hears that the agent does
/// not know, and is offered a person or a callback.
/// </summary>
public sealed partial class OfflineDialog
{
    /// <summary>Sentences of a knowledge answer said at a time when the caller asks for more.</summary>
    const int MoreAtATime = 2;

    Utterance? askedKnowledge;
    readonly Queue<string> more = new();

    enum KnowledgeLookup
    {
        Answered,
        Unknown,
    }

    /// <summary>
    /// Whether to look the line up before anything else: a question, or a line no rule understood, that is not about
    /// hours, appointments or prices (their functions answer those, from the calendar and the catalogue) and gives no
    /// details of the caller's own (an order number, a name, an email: those are the caller's task, not a question
    /// about policy).
    /// </summary>
    bool AsksKnowledge(Utterance heard)
    {
        if (pending is not null || heard.OrderNumber is not null || heard.Email is not null || heard.Zip is not null || heard.FullName is not null)
        {
            return false;
        }
        if (heard.Intents.Any(i => i is Intent.DoNotCall or Intent.Human or Intent.Repeat or Intent.More or Intent.Goodbye or Intent.Rate
            or Intent.OpenNow or Intent.HoursOn or Intent.Holidays or Intent.ListServices or Intent.FindSlots
            or Intent.ConfirmAppointment or Intent.MyAppointments or Intent.ItemsTotal or Intent.SwapsTotal or Intent.CheapestProduct))
        {
            return false;
        }
        // "Booked", "cancel" and "move" are also words of questions about the rules ("I booked it three hours ago; am I
        // still able to cancel?"); one that names a day or time is the caller's booking, not a question.
        if (heard.Intents.Any(i => i is Intent.Book or Intent.Reschedule or Intent.CancelAppointment))
        {
            return awaiting == Awaiting.Nothing && heard.When.IsEmpty && AboutPolicy().IsMatch(heard.Text);
        }
        // An answer to the agent's own question ("how about seven with Carla?" when it offered times) is not looked up:
        // only a plain question about the rules is, in the middle of a task.
        if (awaiting != Awaiting.Nothing)
        {
            return AboutPolicy().IsMatch(heard.Text) && heard.When.IsEmpty && !Answers(heard);
        }
        var task = heard.Intents.FirstOrDefault(IsTask);
        return task == Intent.Unknown
            ? Question().IsMatch(heard.Text) || !heard.Intents.Any(i => i is Intent.Yes or Intent.No or Intent.Thanks)
            : AboutPolicy().IsMatch(heard.Text);
    }

    DialogStep LookUp(Utterance heard)
    {
        askedKnowledge = heard;
        return new DialogStep.Call(Knowledge, AnswerQuestion, Args(("question", heard.Text)));
    }

    DialogStep Answered(KnowledgeAnswer answer)
    {
        more.Clear();
        foreach (var sentence in answer.More)
        {
            more.Enqueue(sentence);
        }
        prefix += answer.Answer + " ";
        return AfterLookUp(KnowledgeLookup.Answered);
    }

    /// <summary>
    /// After the lookup, a line that also asks for something to be done ("I want to cancel an order. Do I have to give
    /// a reason?") goes on to its task; a question alone ("is there a fee if I return something?") is only answered: a
    /// caller asking about the rules has not asked to start a return.
    /// </summary>
    DialogStep AfterLookUp(KnowledgeLookup outcome)
    {
        var heard = askedKnowledge!;
        askedKnowledge = null;
        return heard.Intents.Any(IsTask) && Request().IsMatch(heard.Text) ? Proceed(heard) : AfterKnowledge(heard, outcome);
    }

    /// <summary>What to say after a lookup when the line has no task to carry on with.</summary>
    DialogStep AfterKnowledge(Utterance heard, KnowledgeLookup outcome)
    {
        if (outcome == KnowledgeLookup.Answered)
        {
            return more.Count > 0 ? Ask(Awaiting.MoreDetail, "Would you like to hear more about that?") : Say("Is there anything else I can help with?");
        }
        if (!Question().IsMatch(heard.Text))
        {
            return Say($"Sorry, I didn't quite get that. {Menu} What would you like to do?");
        }
        return Ask(Awaiting.PersonOrCallback,
            "I'm sorry, I don't have that information. I can put you through to a member of our team, or have someone call you back. Would you like that?");
    }

    DialogStep TellMore()
    {
        if (more.Count == 0)
        {
            return Say("That's all I have on that. Is there anything else I can help with?");
        }
        var said = new List<string>();
        while (said.Count < MoreAtATime && more.TryDequeue(out var sentence))
        {
            said.Add(sentence);
        }
        return more.Count > 0
            ? Ask(Awaiting.MoreDetail, $"{string.Join(' ', said)} Would you like to hear more?")
            : Say($"{string.Join(' ', said)} Is there anything else I can help with?");
    }

    // A question in form: a question mark (speech recognizers write them), or a line that opens like one.
    [GeneratedRegex(@"\?|^\s*(?:(?:um|uh|so|and|okay|hi|hey|yeah),?\s+)*(what|which|how|why|who|where|when|can|could|do|does|did|is|are|am|will|would|should|may|if)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Question();

    // Asking for something to be done, not only asking about it.
    [GeneratedRegex(@"\b(i want|i'd like|i would like|i need to|i wanna|please|help me|can you|could you|would you)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Request();

    // A question about the rules rather than a request to act: "do I have to…", "if I cancel…", "am I still able to…".
    [GeneratedRegex(@"\b(polic(y|ies)|if (i|we|you|my|the|it)|do (i|we) (have|need) to|what do you need|how (do|does|long|many|much|soon|early)|(is|are) there|what happens|allowed|(am i|are we|is it) (\w+ )?(still )?(able|possible)|able to|can (i|you|we) still|when (does|do) |do you (guys )?(offer|accept|take|ship|sell|do|have|match|charge|carry))\b|(^|[.?!]\s*)(what|which|how|why)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AboutPolicy();
}
