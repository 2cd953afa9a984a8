namespace VoiceGrains.Telephony;

/// <summary>Text messages to phones (the carrier's messaging API): the port the silos send appointment texts through.</summary>
public interface ITextMessages
{
    /// <summary>Whether an account and a number to send from are configured.</summary>
    bool CanSend { get; }

    /// <summary>Sends <paramref name="body"/> to <paramref name="to"/> (E.164); the carrier's message sid. Throws <see cref="TextMessageException"/>.</summary>
    Task<string> SendAsync(string to, string body, CancellationToken cancellationToken);
}
