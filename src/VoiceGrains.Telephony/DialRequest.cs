namespace VoiceGrains.Telephony;

/// <summary>
/// A call to place. <see cref="AttemptKey"/>, for a campaign's call, rides in the query of the call's webhook
/// addresses, so the webhooks name the attempt even when the dial's own answer was lost. With
/// <see cref="LeavesMessage"/> the carrier's machine detection waits for the greeting's end (the beep) before the
/// voice webhook, so a message left then is heard whole.
/// </summary>
public sealed record DialRequest(string To, string? AttemptKey = null, bool LeavesMessage = false)
{
    /// <summary>The query parameter of the webhook addresses that carries <see cref="AttemptKey"/>.</summary>
    public const string AttemptParameter = "attempt";
}
