using Twilio.TwiML;
using VoiceGrains.Data.Customers;
using VoiceGrains.Data.Messaging;

namespace VoiceGrains.Frontend.Twilio;

/// <summary>
/// <c>POST /twilio/sms</c>, the number's messaging webhook (signature-checked with the others): a reply of one of
/// Twilio's standard opt-out keywords stops the product's texts to that number, an opt-in keyword starts them again
/// (https://help.twilio.com/articles/223134027). Twilio itself answers those keywords with its own confirmation, so
/// the reply here is empty; any other text is not read (nothing answers texts yet).
/// </summary>
public static class IncomingTextWebhook
{
    static readonly HashSet<string> OptOut = new(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE" };

    static readonly HashSet<string> OptIn = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };

    public static async Task<IResult> ReceiveAsync(HttpRequest request, TextMessageRepository texts)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var from = form["From"].ToString();
        if (!PhoneNumber.IsE164(from))
        {
            return TypedResults.Problem("From must be an E.164 number.", statusCode: StatusCodes.Status400BadRequest);
        }
        // Twilio matches the keyword as the whole message, ignoring case and surrounding spaces and punctuation.
        var keyword = form["Body"].ToString().Trim().Trim('.', '!', '?').Trim();
        if (OptOut.Contains(keyword))
        {
            await texts.OptOutAsync(from, request.HttpContext.RequestAborted);
        }
        else if (OptIn.Contains(keyword))
        {
            await texts.OptInAsync(from, request.HttpContext.RequestAborted);
        }
        return TypedResults.Content(new MessagingResponse().ToString(), "application/xml");
    }
}
