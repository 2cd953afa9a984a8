namespace VoiceGrains.Telephony;

/// <summary>
/// A text was not sent. <see cref="RecipientOptedOut"/>: the carrier refuses because the number texted STOP to it;
/// <see cref="OutcomeUnknown"/>: the request may have been carried out (a timeout), so the text may have gone.
/// </summary>
public sealed class TextMessageException(string message, Exception? inner = null, bool recipientOptedOut = false, bool outcomeUnknown = false)
    : Exception(message, inner)
{
    public bool RecipientOptedOut { get; } = recipientOptedOut;

    public bool OutcomeUnknown { get; } = outcomeUnknown;
}
