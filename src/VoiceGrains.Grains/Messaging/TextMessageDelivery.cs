using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VoiceGrains.Data.Messaging;
using VoiceGrains.Telephony;

namespace VoiceGrains.Grains.Messaging;

/// <summary>
/// Sends the queued texts that are due: never to a number that texted STOP (nor to one Twilio says did, which is then
/// recorded), again later when Twilio could not be reached, and failed, with the reason, when it refused or no account
/// is configured, so the queue never grows unseen.
/// </summary>
public sealed partial class TextMessageDelivery(
    TextMessageRepository queue, ITextMessages texts, IOptions<TextMessageOptions> options, TimeProvider time, ILogger<TextMessageDelivery> logger)
{
    const int Batch = 20;

    /// <summary>Sends what is due now; how many texts it took.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var due = await queue.TakeDueAsync(time.GetUtcNow(), Batch, cancellationToken);
        foreach (var text in due)
        {
            await SendAsync(text, cancellationToken);
        }
        return due.Count;
    }

    async Task SendAsync(OutgoingText text, CancellationToken cancellationToken)
    {
        if (!texts.CanSend)
        {
            await queue.FailedAsync(text.Id, "no Twilio account and number to send texts from", cancellationToken);
            return;
        }
        if (await queue.IsOptedOutAsync(text.Phone, cancellationToken))
        {
            await queue.SuppressedAsync(text.Id, "the number texted STOP", cancellationToken);
            return;
        }
        try
        {
            var sid = await texts.SendAsync(text.Phone, text.Body, cancellationToken);
            await queue.SentAsync(text.Id, sid, time.GetUtcNow(), cancellationToken);
        }
        catch (TextMessageException e) when (e.RecipientOptedOut)
        {
            await queue.OptOutAsync(text.Phone, cancellationToken);
            await queue.SuppressedAsync(text.Id, "the number texted STOP (Twilio)", cancellationToken);
        }
        catch (TextMessageException e) when (e.OutcomeUnknown && text.Attempts + 1 < options.Value.MaxAttempts)
        {
            var wait = options.Value.RetryAfter * Math.Pow(2, text.Attempts);
            Log.Retrying(logger, text.Id, wait);
            await queue.RetryAsync(text.Id, time.GetUtcNow() + wait, e.Message, cancellationToken);
        }
        catch (TextMessageException e)
        {
            Log.Failed(logger, text.Id, e.Message);
            await queue.FailedAsync(text.Id, e.Message, cancellationToken);
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Text {Id}: Twilio could not be reached; trying again in {Wait}")]
        public static partial void Retrying(ILogger logger, long id, TimeSpan wait);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Text {Id} was not sent: {Reason}")]
        public static partial void Failed(ILogger logger, long id, string reason);
    }
}
