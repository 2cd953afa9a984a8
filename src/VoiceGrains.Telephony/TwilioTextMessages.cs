using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace VoiceGrains.Telephony;

/// <summary>Texts through Twilio's Messaging API (the Message resource), with the Twilio SDK.</summary>
sealed class TwilioTextMessages(IOptions<TwilioOptions> options, TwilioRestClients clients) : ITextMessages
{
    /// <summary>"Attempt to send to unsubscribed recipient": the number replied STOP (https://www.twilio.com/docs/api/errors/21610).</summary>
    const int UnsubscribedRecipient = 21610;

    public bool CanSend => !string.IsNullOrWhiteSpace(options.Value.AuthToken) && !string.IsNullOrWhiteSpace(options.Value.AccountSid)
        && !string.IsNullOrWhiteSpace(options.Value.PhoneNumber);

    public async Task<string> SendAsync(string to, string body, CancellationToken cancellationToken)
    {
        if (!CanSend)
        {
            throw new TextMessageException("Texts need Twilio:AuthToken, Twilio:AccountSid and Twilio:PhoneNumber.");
        }
        try
        {
            var message = await MessageResource.CreateAsync(
                new CreateMessageOptions(new PhoneNumber(to)) { From = new PhoneNumber(options.Value.PhoneNumber), Body = body }, clients.Create())
                .WaitAsync(cancellationToken);
            return message.Sid;
        }
        catch (ApiException e)
        {
            throw new TextMessageException($"Twilio refused the text ({e.Status}, code {e.Code}): {e.Message}", e, recipientOptedOut: e.Code == UnsubscribedRecipient);
        }
        catch (Exception e) when (e is ApiConnectionException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new TextMessageException($"Twilio could not be reached: {e.Message}", e, outcomeUnknown: true);
        }
    }
}
