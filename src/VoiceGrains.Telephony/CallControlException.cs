namespace VoiceGrains.Telephony;

/// <summary>
/// A call-control request failed; the message says whether the carrier refused it, could not be reached, or is not
/// configured. Never holds credentials. <see cref="OutcomeUnknown"/>: the request may have reached the carrier and been
/// carried out (a timeout, a dropped connection), so a call may exist even though no sid came back.
/// </summary>
public sealed class CallControlException(string message, Exception? inner = null, bool outcomeUnknown = false) : Exception(message, inner)
{
    public bool OutcomeUnknown { get; } = outcomeUnknown;
}
