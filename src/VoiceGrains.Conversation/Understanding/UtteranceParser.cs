using System.Globalization;
using System.Text.RegularExpressions;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// Understands one caller line without a language model: keyword rules for intents, patterns for slot values
/// (order numbers in digits or words, ZIP codes, emails, names, dates and times, ratings, yes/no), and a lexicon
/// sentiment. It is the offline engine's ear and, with either engine, what each caller turn is labelled with.
/// </summary>
public static partial class UtteranceParser
{
    /// <summary>Intents in priority order: the first that matches is the line's primary intent.</summary>
    static readonly (Intent Intent, Regex Pattern)[] Rules =
    [
        // First: a callee who asks not to be called again is never kept talking about anything else.
        (Intent.DoNotCall, Rx(@"\b((don'?t|do not|never) (call|ring|phone|contact) (me|this number)(?! back)|stop (calling|ringing|phoning|contacting) (me|this number)|(take|remove) (me|my number|this number) (off|from) (your|the) (calling |call |phone |contact |mailing )?list|(put|add) (me|my number|this number) (on|to) (your|the) do[- ]not[- ]call list)\b")),
        (Intent.Human, Rx(@"\b(human|real person|a person|someone real|representative|operator|manager|supervisor|live agent|speak to (an )?agent|talk to (an )?agent)\b")),
        (Intent.Repeat, Rx(@"\b(repeat( that)?|say (that|it) again|come again|pardon|didn't (catch|hear) (that|you))\b")),
        (Intent.More, Rx(@"\b(tell me more|more (details?|info|information)|more about (that|it)|go on|elaborate)\b")),
        (Intent.Reschedule, Rx(@"\b(reschedule|move (my|the) (appointment|booking)|change (my|the) (appointment|booking)|different (time|day) for my appointment)\b")),
        (Intent.ConfirmAppointment, Rx(@"\b(i('ll| will) (be there|come|make it)|see you (then|there|tomorrow)|i can (still )?make it|(i )?confirm(ed)? (my |the |that )?(appointment|booking))\b")),
        (Intent.CancelAppointment, Rx(@"\bcancel\b.*\b(appointment|booking|consultation|reservation|drop-?off)\b")),
        (Intent.MyAppointments, Rx(@"\b(my appointments?|when is my (appointment|booking)|do i have an? (appointment|booking))\b")),
        (Intent.ChangeOrderAddress, Rx(@"\b((change|update|correct) the (shipping |delivery )?address (on|of|for) (my |the |this |that )?order|ship (it|the order|my order) to|send (it|the order|my order) to|(shipping|delivery) address)\b")),
        (Intent.ChangePayment, Rx(@"\b((change|switch|update) (the |my )?(payment|card)|pay (for (it|(the |this |that |my )?order( #?\d+)?) )?(with|using|by) (my|a|the)|use (my|a|the) (gift card|paypal|other card|credit card|visa|mastercard) (for|to pay))\b")),
        (Intent.ExchangeOrder, Rx(@"\b(exchange|swap|switch (it|them|this|that|the [a-z]+) for|trade (it|them|this|that) (in|for)|(change|modify) the (?!address|shipping|delivery|payment)[a-z]+( [a-z]+)? (in|on|of|from) ((my|the|this|that) )?order)\b")),
        (Intent.CancelOrder, Rx(@"\bcancel\b")),
        (Intent.ReturnOrder, Rx(@"\b(return|refund|send (it|them) back|money back)\b")),
        // After the changes ("exchange it for the cheapest one" is an exchange), before the order's status ("how much did I
        // pay for the grills in my order" asks a total).
        (Intent.SwapsTotal, Rx(@"\bhow much (do|will|would|should) (i|we) (need to |have to )?(pay|owe|get back)\b.{0,30}\b(in total|altogether|all together|overall)\b")),
        (Intent.ItemsTotal, Rx(@"\b(how much (did|have) (i|we) (pay|paid|spend|spent) (for|on)|what did (i|we) pay for|total (price|cost|amount)s? (for|of) (the|my|those|all))\b")),
        (Intent.CheapestProduct, Rx(@"\b(cheapest|least expensive|lowest[- ]priced?)\b")),
        (Intent.Tracking, Rx(@"\b(track|tracking|when will (it|my order|my package|the package|they) (arrive|get here|come)|where is my (package|parcel|delivery)|delivery date|arriv(e|ing)|shipped yet)\b")),
        (Intent.ListOrders, Rx(@"\b(my (recent )?orders|list (my )?orders|what (did|have) i order(ed)?|which orders)\b")),
        (Intent.OrderStatus, Rx(@"\b(order|status|where is my|purchase)\b")),
        (Intent.ListServices, Rx(@"\b(what services|which services|services (do you|you) offer|what (do|can) you (offer|do)|what can i book)\b")),
        (Intent.Book, Rx(@"\b(book|schedule|make an? (appointment|booking)|set up an? appointment|appointment for|an appointment|come in)\b")),
        (Intent.FindSlots, Rx(@"\b(availability|available|openings?|free slots?|any slots?|earliest|soonest)\b")),
        (Intent.Holidays, Rx(@"\b(holiday|holidays|christmas|thanksgiving|new year|independence day|july 4th)\b")),
        (Intent.OpenNow, Rx(@"\b(are you open|open (right )?now|still open|open at the moment|open today)\b")),
        (Intent.HoursOn, Rx(@"\b(hours|what time do you (open|close)|when do you (open|close)|open on|closed on|opening times)\b")),
        (Intent.UpdateEmail, Rx(@"\b(e-?mail)\b.*\b(change|update|new|correct)\b|\b(change|update|new|correct)\b.*\b(e-?mail)\b")),
        (Intent.UpdateAddress, Rx(@"\b((change|update|correct) my (home |postal |mailing |default )?address|new address|i('ve| have)? moved)\b")),
        (Intent.Callback, Rx(@"\b(call me back|callback|call back|ring me back)\b")),
        (Intent.AddNote, Rx(@"\b(make a note|add a note|note (that|down)|please note|put (it|that) on (file|record))\b")),
        (Intent.Rate, Rx(@"\b(rate|rating|out of (5|five)|stars?)\b")),
        (Intent.Goodbye, Rx(@"\b(bye|goodbye|good bye|that'?s all|that is all|nothing else|no,? that'?s it|hang up|have a good (day|one))\b")),
        (Intent.No, Rx(@"^\s*(no|nope|nah|don't|do not|not really|no thanks|no thank you|wait|stop)\b")),
        (Intent.Yes, Rx(@"^\s*(yes|yeah|yep|yup|sure|correct|right|ok|okay|please do|go ahead|that's right|that is right|sounds good|absolutely|confirm|do it|perfect)\b")),
        (Intent.Thanks, Rx(@"\b(thanks|thank you|cheers|appreciate it)\b")),
        (Intent.Greeting, Rx(@"^\s*(hi|hello|hey|good (morning|afternoon|evening))\b")),
    ];

    static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "calling", "looking", "trying", "not", "a", "an", "the", "from", "and", "in", "here", "just", "wondering", "interested",
        "having", "hoping", "going", "sorry", "fine", "good", "the", "on", "at", "with", "my", "about", "phoning", "ringing",
        "only", "like", "so", "really", "still", "also", "pretty", "that", "this", "very", "too", "all", "gonna", "kind", "sort",
    };

    public static Utterance Parse(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var raw = text.Trim();
        var lower = raw.ToLowerInvariant();
        var email = Email(raw);
        var normalized = SpokenNumbers.Normalize(email is null ? lower : lower.Replace(email.ToLowerInvariant(), " ", StringComparison.Ordinal));
        var intents = Rules.Where(r => r.Pattern.IsMatch(normalized)).Select(r => r.Intent).ToList();
        if (email is not null && !intents.Contains(Intent.UpdateEmail))
        {
            intents.RemoveAll(i => i == Intent.OrderStatus);
        }

        var zip = ZipCode().Match(normalized) is { Success: true } zipMatch ? zipMatch.Groups[1].Value : null;
        var order = OrderNumber().Match(normalized) is { Success: true } orderMatch && orderMatch.Groups[1].Value != zip
            ? long.Parse(orderMatch.Groups[1].Value, CultureInfo.InvariantCulture)
            : (long?)null;
        var numbers = Number().Matches(normalized).Select(m => m.Value).ToList();

        return new Utterance(
            raw,
            intents,
            order,
            zip,
            email,
            FullName(raw),
            numbers,
            TimeExpressions.Parse(lower, today),
            Rating(normalized, intents),
            RefundTo(normalized),
            CancelReason(normalized),
            Address(raw),
            Everything().IsMatch(normalized),
            SentimentLexicon.Score(lower));
    }

    /// <summary>
    /// The labels stored with a caller turn: primary intent, the entities found, the sentiment. Dates resolve
    /// against <paramref name="today"/>, the business's local date.
    /// </summary>
    public static TurnUnderstanding Understand(string text, DateOnly today)
    {
        var utterance = Parse(text, today);
        var entities = new Dictionary<string, string>();
        Add(entities, "order_number", utterance.OrderNumber?.ToString(CultureInfo.InvariantCulture));
        Add(entities, "zip", utterance.Zip);
        Add(entities, "email", utterance.Email);
        Add(entities, "name", utterance.FullName);
        Add(entities, "date", utterance.When.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(entities, "time", utterance.When.At?.ToString("HH:mm", CultureInfo.InvariantCulture));
        Add(entities, "part_of_day", utterance.When.PartOfDay == Functions.PartOfDay.Any ? null : utterance.When.PartOfDay.ToString().ToLowerInvariant());
        Add(entities, "rating", utterance.Rating?.ToString(CultureInfo.InvariantCulture));
        Add(entities, "refund_to", utterance.RefundTo is { } refund ? Data.DbNames.Of(refund) : null);
        return new TurnUnderstanding(ToSnakeCase(utterance.Primary), entities, utterance.Sentiment);
    }

    static void Add(Dictionary<string, string> entities, string name, string? value)
    {
        if (value is not null)
        {
            entities[name] = value;
        }
    }

    static string ToSnakeCase(Intent intent) => SnakeBoundary().Replace(intent.ToString(), "$1_$2").ToLowerInvariant();

    static string? Email(string text)
    {
        var spoken = SpokenEmail().Replace(text, m => m.Value.Replace(" at ", "@", StringComparison.OrdinalIgnoreCase).Replace(" dot ", ".", StringComparison.OrdinalIgnoreCase));
        return EmailAddress().Match(spoken) is { Success: true } match ? match.Value.TrimEnd('.') : null;
    }

    static string? FullName(string text)
    {
        var match = NameIntro().Match(text);
        if (!match.Success)
        {
            return null;
        }
        var words = match.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .TakeWhile(w => !NotNames.Contains(w) && !IsPresentParticiple(w) && w.All(c => char.IsLetter(c) || c is '\'' or '-' or '.'))
            .Take(3)
            .ToList();
        return words.Count >= 2 ? string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..])) : null;
    }

    // "I'm flying business class", "I'm switching the payment": a lower-case word in -ing after "I'm" is what the caller
    // is doing, not their name (recognizers write names with a capital).
    static bool IsPresentParticiple(string word) => word.Length > 4 && char.IsLower(word[0]) && word.EndsWith("ing", StringComparison.Ordinal);

    static int? Rating(string normalized, List<Intent> intents)
    {
        if (RatingPhrase().Match(normalized) is { Success: true } phrase)
        {
            return int.Parse(phrase.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return intents.Contains(Intent.Rate) && LoneDigit().Match(normalized) is { Success: true } lone ? int.Parse(lone.Value, CultureInfo.InvariantCulture) : null;
    }

    static RefundDestination? RefundTo(string normalized) =>
        GiftCard().IsMatch(normalized) ? RefundDestination.GiftCard
        : OriginalPayment().IsMatch(normalized) ? RefundDestination.OriginalPayment
        : null;

    static string? CancelReason(string normalized) =>
        Regex.IsMatch(normalized, @"\bby mistake|by accident|accidentally|didn't mean to|wrong (item|thing)\b") ? "ordered by mistake"
        : Regex.IsMatch(normalized, @"\b(no longer need|don't need|do not need|changed my mind|not needed|no longer needed|don't want|do not want)\b") ? "no longer needed"
        : null;

    static string? Address(string text) =>
        StreetAddress().Match(text) is { Success: true } match ? match.Groups["address"].Value.Trim().TrimEnd('.', '?', '!') : null;

    static Regex Rx(string pattern) => new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

    [GeneratedRegex(@"([a-z])([A-Z])")]
    private static partial Regex SnakeBoundary();

    [GeneratedRegex(@"\b(?:zip|zip code|postal code|postcode)\D{0,12}?(\d{5})\b")]
    private static partial Regex ZipCode();

    [GeneratedRegex(@"(?:\border\b\D{0,20}?|#\s*|\bw\s*|\bnumber\s+(?:is\s+)?)(\d{4,9})\b")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Number();

    [GeneratedRegex(@"[\w+-]+(?:(?: dot |\.)[\w+-]+)*(?: at |@)[\w-]+(?:(?: dot |\.)[\w-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex SpokenEmail();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b(?:my name is|my name's|name is|this is|i am|i'm|it's)\s+(?<name>[^,.;!?]+)", RegexOptions.IgnoreCase)]
    private static partial Regex NameIntro();

    [GeneratedRegex(@"(?:\b(?:rate|rating|give (?:it|you|that)|score)\D{0,12}|\b)([1-5])(?:\s*(?:out of\s*5|stars?|/\s*5)|\s*$)")]
    private static partial Regex RatingPhrase();

    [GeneratedRegex(@"\b[1-5]\b")]
    private static partial Regex LoneDigit();

    [GeneratedRegex(@"\bgift ?card\b|\bstore credit\b")]
    private static partial Regex GiftCard();

    [GeneratedRegex(@"\b(original (payment|method|card)|same (card|method|payment)|back to my (card|credit card|paypal|account)|credit card|debit card|paypal|my card)\b")]
    private static partial Regex OriginalPayment();

    [GeneratedRegex(@"\b(everything|all of (it|them)|all the items|all items|the whole order|entire order|whole thing|all of the items)\b")]
    private static partial Regex Everything();

    [GeneratedRegex(@"(?:\baddress (?:is|to)|\bship (?:it|the order|my order) to|\bsend (?:it|the order|my order) to|\bmoved to|\bchange (?:it|that) to|\bnew address:?|\bto)\s+(?<address>\d+[^,]*\s+[A-Za-z].*?\d{5}(?:-\d{4})?)", RegexOptions.IgnoreCase)]
    private static partial Regex StreetAddress();
}
