using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// One caller line, understood: its intents (strongest first) and every slot value found in it. Numbers are
/// labelled when the caller said what they are ("order 10482", "zip 10001"); <see cref="Numbers"/> keeps all of
/// them for a question that asked for one.
/// </summary>
public sealed record Utterance(
    string Text,
    IReadOnlyList<Intent> Intents,
    long? OrderNumber,
    string? Zip,
    string? Email,
    string? FullName,
    IReadOnlyList<string> Numbers,
    TimeExpression When,
    int? Rating,
    RefundDestination? RefundTo,
    string? CancelReason,
    string? Address,
    bool Everything,
    float Sentiment)
{
    public Intent Primary => Intents.Count > 0 ? Intents[0] : Intent.Unknown;

    public bool Has(Intent intent) => Intents.Contains(intent);
}
