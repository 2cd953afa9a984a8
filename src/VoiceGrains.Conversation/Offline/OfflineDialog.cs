using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Data.Business;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// The offline engine's dialogue manager: a deterministic slot-filling policy over the agent's functions. It reads
/// each caller line, keeps the task and its slots across turns, asks for what is missing, confirms before
/// anything irreversible, and turns function results into short spoken answers. It decides; the functions act,
/// and they alone decide what this caller may see or change. Not thread-safe: one per conversation.
/// </summary>
public sealed partial class OfflineDialog(BusinessCalendar calendar, TimeProvider time, SurveyPlan? survey)
{
    const string Menu = "I can help with your orders, appointments, our opening hours, your account details, or questions about our store.";

    Goal? goal;
    Awaiting awaiting;
    (DialogStep.Call Call, string Description)? pending;
    bool identified;
    bool triedPhone;
    string? firstName;
    string? claimedName;
    string? claimedZip;
    string? claimedEmail;
    bool ratingAsked;
    string prefix = "";
    string lastSaid = "";

    DateOnly Today => calendar.LocalDate(time.GetUtcNow());

    /// <summary>The next step after the caller said <paramref name="text"/>.</summary>
    public DialogStep OnCaller(string text)
    {
        var heard = UtteranceParser.Parse(text, Today);
        if (heard.Primary == Intent.Repeat)
        {
            return new DialogStep.Say(lastSaid.Length > 0 ? lastSaid : "How can I help you today?");
        }
        if (heard.Has(Intent.More) && (more.Count > 0 || awaiting == Awaiting.MoreDetail) && pending is null)
        {
            return TellMore();
        }
        if (SurveyStep(heard) is { } surveyStep)
        {
            return surveyStep;
        }
        return AsksKnowledge(heard) ? LookUp(heard) : Proceed(heard);
    }

    /// <summary>The line's task, its slots, or small talk; after a knowledge lookup, the task of the same line.</summary>
    DialogStep Proceed(Utterance heard)
    {
        var taskIntent = heard.Intents.FirstOrDefault(IsTask);
        if (pending is { } waiting)
        {
            pending = null;
            if (heard.Has(Intent.Yes) && !heard.Has(Intent.No))
            {
                awaiting = Awaiting.Nothing;
                return waiting.Call;
            }
            if (heard.Has(Intent.No) && taskIntent == Intent.Unknown && !ChangesDetails(heard))
            {
                goal = null;
                awaiting = Awaiting.Nothing;
                return Say($"Okay, I won't {waiting.Description}. Is there anything else I can help with?");
            }
        }

        TakeIdentityClaims(heard);
        if (SecondFactorAnswer(heard) is { } factorStep)
        {
            return factorStep;
        }
        var answersQuestion = goal is { Done: false } && Answers(heard);
        if (taskIntent == Intent.CancelOrder && !answersQuestion && PartialCancellation().IsMatch(heard.Text))
        {
            // An order is cancelled whole (OrderRepository.CancelAsync): "cancel just the lamp" is refused, not
            // quietly turned into cancelling everything.
            goal = null;
            awaiting = Awaiting.Nothing;
            return Say("I can't cancel only some items of an order: an order can only be cancelled as a whole, before it ships. "
                + "I can cancel the whole order, change an item to another option before it ships, or return items once it's delivered. "
                + "Is there anything else I can help with?");
        }
        if (taskIntent != Intent.Unknown && !answersQuestion && (goal is null || goal.Done || taskIntent != goal.Intent && !IsWeakSwitch(taskIntent)))
        {
            // "Cancel it" goes on with the order just discussed; "return something from another order" does not.
            var carried = AnotherOrder().IsMatch(heard.Text) ? null : goal?.OrderNumber ?? lastOrder?.Order.OrderNumber;
            goal = new Goal(taskIntent) { OrderNumber = IsOrderTask(taskIntent) ? carried : null };
            awaiting = Awaiting.Nothing;
        }
        if (goal is { Done: false })
        {
            Fill(goal, heard);
        }

        if (goal is null or { Done: true })
        {
            return Chat(heard);
        }
        return Advance();
    }

    /// <summary>The next step after a function returned <paramref name="result"/>.</summary>
    public DialogStep OnResult(object? result) => result switch
    {
        CallerIdentified who => Identified(who),
        CallerNotFound notFound => NotFound(notFound),
        Refusal refusal when refusal == Refusal.NotIdentified => Advance(),
        Refusal refusal when refusal == Refusal.NeedsSecondFactor => SecondFactor(),
        Refusal refusal when refusal == CustomerPlugin.WrongCode || refusal == CustomerPlugin.CodeSpent => OnCodeRefused(refusal),
        VerificationCodeSent sent => OnCodeSent(sent),
        Refusal refusal => Refused(refusal),
        SatisfactionRecorded => Finish(new DialogStep.Call(CallControl, EndCall, Args(("reason", "caller finished and rated the call")))),
        CallEnding => Say(survey is { IsCallReason: true } ? "Thank you for your time. Goodbye!" : $"Thank you for calling {calendar.Name}. Goodbye!"),
        SurveyQuestionToAsk or SurveyAnswerUnclear or SurveyCompleted or SurveyDeclined => OnSurveyResult(result),
        OnDoNotCallList => Say("I've taken your number off our calling list, and we won't call you again. Sorry to have bothered you. Goodbye!"),
        TransferStarted => Say("Of course. I'm transferring you to a member of our team now. Please hold."),
        KnowledgeAnswer answer => Answered(answer),
        KnowledgeNotFound => AfterLookUp(KnowledgeLookup.Unknown),
        _ => OnBusinessResult(result),
    };

    DialogStep Chat(Utterance heard)
    {
        if (heard.Has(Intent.Goodbye) || awaiting == Awaiting.Rating && heard.Has(Intent.No))
        {
            if (OfferSurvey() is { } offer)
            {
                return offer;
            }
            if (!ratingAsked)
            {
                ratingAsked = true;
                awaiting = Awaiting.Rating;
                return Say("Before you go, how would you rate this call, from one to five?");
            }
            return new DialogStep.Call(CallControl, EndCall, Args(("reason", "caller said goodbye")));
        }
        if (awaiting == Awaiting.Rating && RatingIn(heard) is { } rating)
        {
            return Finish(new DialogStep.Call(CallControl, RecordSatisfaction, Args(("rating", rating))));
        }
        if (!identified && (claimedName is not null && claimedZip is not null || claimedEmail is not null))
        {
            return IdentifyWithClaims()!;
        }
        if (awaiting == Awaiting.MoreDetail && heard.Has(Intent.Yes) && !heard.Has(Intent.No))
        {
            return TellMore();
        }
        if (awaiting == Awaiting.PersonOrCallback && heard.Has(Intent.Yes) && !heard.Has(Intent.No))
        {
            goal = new Goal(Intent.Human);
            return Advance();
        }
        if (heard.Has(Intent.Thanks))
        {
            return Say("You're welcome! Is there anything else I can help with?");
        }
        if (heard.Has(Intent.Greeting))
        {
            return Say($"Hello! Thanks for calling {calendar.Name}. How can I help you today?");
        }
        if (heard.Has(Intent.Yes) || heard.Has(Intent.No))
        {
            return Say("Alright. What else can I help you with?");
        }
        return Say($"Sorry, I didn't quite get that. {Menu} What would you like to do?");
    }

    /// <summary>Moves the current goal on: identify the caller if it needs it, then the goal's own next step.</summary>
    DialogStep Advance()
    {
        if (goal is null)
        {
            return Say($"{Menu} What would you like to do?");
        }
        if (NeedsIdentity(goal.Intent) && !identified)
        {
            return Identify();
        }
        if (ChangesRecords(goal.Intent) && !mayChange)
        {
            return SecondFactor();
        }
        return goal.Intent switch
        {
            Intent.DoNotCall => Finish(new DialogStep.Call(CallControl, DoNotCall, Args())),
            Intent.Human => Finish(new DialogStep.Call(CallControl, Transfer, Args(("reason", "The caller asked to speak to a person.")))),
            Intent.Rate => goal.Rating is { } rating
                ? Finish(new DialogStep.Call(CallControl, RecordSatisfaction, Args(("rating", rating))))
                : Ask(Awaiting.Rating, "How would you rate this call, from one to five?"),
            Intent.ListOrders or Intent.OrderStatus or Intent.Tracking or Intent.CancelOrder or Intent.ReturnOrder or Intent.ExchangeOrder or Intent.ChangePayment
                or Intent.ChangeOrderAddress
                => AdvanceOrder(goal),
            Intent.ListServices or Intent.FindSlots or Intent.Book or Intent.Reschedule or Intent.CancelAppointment or Intent.ConfirmAppointment
                or Intent.MyAppointments => AdvanceAppointment(goal),
            Intent.ItemsTotal or Intent.CheapestProduct => AdvancePrice(goal),
            Intent.SwapsTotal => new DialogStep.Call(Orders, SwapsTotal, Args()),
            Intent.OpenNow => Finish(new DialogStep.Call(Hours, IsOpenNow, Args())),
            Intent.HoursOn => Finish(new DialogStep.Call(Hours, HoursOn, Args(("date", Iso(goal.When?.From ?? Today))))),
            Intent.Holidays => Finish(new DialogStep.Call(Hours, Holidays, Args())),
            _ => AdvanceAccount(goal),
        };
    }

    DialogStep Identify()
    {
        if (IdentifyWithClaims() is { } attempt)
        {
            return attempt;
        }
        if (!triedPhone)
        {
            triedPhone = true;
            return new DialogStep.Call(Customer, IdentifyByPhone, Args());
        }
        if (claimedName is not null)
        {
            return Ask(Awaiting.Zip, "Thanks. And what's the ZIP code on your account?");
        }
        if (claimedZip is not null)
        {
            return Ask(Awaiting.Name, "Thanks. And your full name, please?");
        }
        return Ask(Awaiting.Identity, "First I need to verify your identity. Could I have your full name and ZIP code, or the email address on your account?");
    }

    DialogStep? IdentifyWithClaims()
    {
        if (claimedEmail is { } email)
        {
            claimedEmail = null;
            return new DialogStep.Call(Customer, IdentifyByEmail, Args(("email", email)));
        }
        if (claimedName is { } name && claimedZip is { } zip)
        {
            claimedName = claimedZip = null;
            return new DialogStep.Call(Customer, IdentifyByNameAndZip, Args(("fullName", name), ("zip", zip)));
        }
        return null;
    }

    DialogStep Identified(CallerIdentified who)
    {
        var before = identified;
        // A second factor the caller gave is acknowledged; caller ID, checked without asking, is not.
        var further = before && who.MayChange && !mayChange && who.Method != "phone";
        identified = true;
        mayChange = who.MayChange;
        verifiedBy.Add(who.Method);
        awaiting = Awaiting.Nothing;
        firstName = who.FirstName;
        prefix = further ? "Thanks, that's confirmed. "
            : who.Method == CustomerPlugin.AlreadyVerified || before ? ""
            : who.Method == "phone" && firstName is not null ? $"Hi {firstName}, I see you're calling from the number on your account. "
            : firstName is not null ? $"Thanks, {firstName}, you're verified. " : "Thanks, you're verified. ";
        return goal is { Done: false } ? Advance() : Say("How can I help you today?");
    }

    DialogStep NotFound(CallerNotFound notFound)
    {
        if (notFound.Method == "phone")
        {
            return Advance();
        }
        if (notFound.AttemptsLeft == 0)
        {
            goal = null;
            return Say("I'm sorry, I couldn't verify your identity. I can transfer you to a member of our team if you'd like.");
        }
        return Ask(Awaiting.Identity, "I couldn't find an account with those details. Could you give me your full name and ZIP code again, or your email address?");
    }

    DialogStep Refused(Refusal refusal)
    {
        if (goal is not null)
        {
            goal.Done = true;
        }
        return Say($"{refusal.Reason} Is there anything else I can help with?");
    }

    /// <summary>Reads identity answers, also bare ones when the last question asked for them.</summary>
    void TakeIdentityClaims(Utterance heard)
    {
        // A detail said as someone else's ("the card on file for…", "my colleague's email is…") claims nothing.
        if (identified && awaiting is not (Awaiting.SecondFactor or Awaiting.Code) || SomeoneElses().IsMatch(heard.Text))
        {
            return;
        }
        claimedEmail = heard.Email ?? claimedEmail;
        claimedZip = heard.Zip ?? (awaiting is Awaiting.Identity or Awaiting.Zip or Awaiting.SecondFactor ? heard.Numbers.FirstOrDefault(n => n.Length == 5) : null) ?? claimedZip;
        claimedName = heard.FullName ?? (awaiting is Awaiting.Identity or Awaiting.Name or Awaiting.SecondFactor || heard.Zip is not null ? BareName(heard.Text) : null) ?? claimedName;
    }

    /// <summary>"Maria Garcia, 10001" said in answer to "your name and ZIP code?": the words that can be a name.</summary>
    static string? BareName(string text)
    {
        var words = BareNameWords().Matches(text).Select(m => m.Value)
            .Where(w => !FillerWords.Contains(w, StringComparer.OrdinalIgnoreCase)).ToList();
        return words.Count is >= 2 and <= 3 ? string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..])) : null;
    }

    static readonly string[] FillerWords =
        ["my", "name", "is", "and", "the", "zip", "code", "it's", "its", "sure", "yes", "yeah", "ok", "okay", "i'm", "im", "this", "postal", "email", "it", "of", "number", "uh", "um"];

    [GeneratedRegex(@"[A-Za-z][A-Za-z'\-]+")]
    private static partial Regex BareNameWords();

    // "Cancel just the lamp and keep the rest", "cancel some of the items", "cancel one item from my order".
    [GeneratedRegex(@"\bcancel\b.{0,40}\b(just|only|one|some|part)\b.{0,40}\b(items?|things?|from (my|the|this|that) order|keep the rest)\b|\bcancel\b.{0,60}\bkeep the (rest|others?)\b|\bpartial(ly)? cancel", RegexOptions.IgnoreCase)]
    private static partial Regex PartialCancellation();

    [GeneratedRegex(@"\b(an|another|a different|other|one more) order\b", RegexOptions.IgnoreCase)]
    private static partial Regex AnotherOrder();

    [GeneratedRegex(@"\b(colleague|co-?worker|friend|wife|husband|partner|mom|mum|mother|dad|father|son|daughter|sister|brother|boss|neighbou?r|someone else|somebody else|another customer|his|her|their)\b|\b(on file|account|card|address|phone number|info(rmation)?)\s+(for|of|belonging to)\b|\bbelongs? to\b", RegexOptions.IgnoreCase)]
    private static partial Regex SomeoneElses();

    DialogStep Ask(Awaiting what, string question)
    {
        awaiting = what;
        return Say(question);
    }

    DialogStep Confirm(DialogStep.Call call, string description, string question)
    {
        pending = (call, description);
        awaiting = Awaiting.Nothing;
        return Say(question);
    }

    DialogStep Finish(DialogStep.Call call)
    {
        if (goal is not null)
        {
            goal.Done = true;
        }
        awaiting = Awaiting.Nothing;
        return call;
    }

    DialogStep Say(string text)
    {
        var said = prefix + text;
        prefix = "";
        lastSaid = said;
        return new DialogStep.Say(said);
    }

    static bool IsTask(Intent intent) => intent is not (Intent.Unknown or Intent.Greeting or Intent.Thanks or Intent.Goodbye or Intent.Repeat or Intent.More or Intent.Yes or Intent.No);

    static bool IsOrderTask(Intent intent) =>
        intent is Intent.OrderStatus or Intent.Tracking or Intent.CancelOrder or Intent.ReturnOrder or Intent.ExchangeOrder or Intent.ChangePayment
            or Intent.ChangeOrderAddress;

    static bool NeedsIdentity(Intent intent) => intent is Intent.ListOrders or Intent.OrderStatus or Intent.Tracking or Intent.CancelOrder
        or Intent.ReturnOrder or Intent.ExchangeOrder or Intent.ChangePayment or Intent.ChangeOrderAddress or Intent.Reschedule or Intent.CancelAppointment or Intent.ConfirmAppointment or Intent.MyAppointments
        or Intent.UpdateEmail or Intent.UpdateAddress or Intent.AddNote or Intent.Callback or Intent.ItemsTotal or Intent.SwapsTotal;

    /// <summary>Intents that a line in the middle of another task mentions in passing ("the order number is…").</summary>
    bool IsWeakSwitch(Intent intent) => intent switch
    {
        Intent.OrderStatus => IsOrderTask(goal!.Intent),
        Intent.FindSlots or Intent.Book => goal!.Intent is Intent.Book or Intent.FindSlots or Intent.Reschedule,
        Intent.Rate => awaiting == Awaiting.Rating,
        _ => false,
    };

    static bool ChangesDetails(Utterance heard) => heard.When is { IsEmpty: false } || heard.OrderNumber is not null || heard.Address is not null;

    static int? RatingIn(Utterance heard) => heard.Rating ?? heard.Numbers.Select(n => int.TryParse(n, out var value) ? value : 0).FirstOrDefault(v => v is >= 1 and <= 5) switch
    {
        0 => null,
        var value => value,
    };

    static IReadOnlyDictionary<string, object?> Args(params (string Name, object? Value)[] arguments) =>
        arguments.ToDictionary(a => a.Name, a => a.Value);

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
