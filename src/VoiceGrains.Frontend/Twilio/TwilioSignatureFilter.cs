using System.Net;
using Microsoft.Extensions.Options;
using VoiceGrains.Telephony;
using Twilio.Security;

namespace VoiceGrains.Frontend.Twilio;

/// <summary>
/// Refuses any webhook whose X-Twilio-Signature does not match (403), checked by the Twilio SDK's validator over the
/// public URL (PublicBaseUrl + path + query, as Twilio signed it) and the form fields. Nothing runs first, and no more
/// is read than <see cref="WebhookLimits"/> allows: an address refused too often gets 429 without its body being read,
/// a body declared too large 413 unread, a form past the limits 413 as soon as the reader hits them.
/// </summary>
sealed class TwilioSignatureFilter(IOptions<TwilioOptions> options, RefusedWebhooks refused) : IEndpointFilter
{
    const string Header = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (refused.Exhausted(http.Connection.RemoteIpAddress ?? IPAddress.None))
        {
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var signature = request.Headers[Header].ToString();
        // Twilio SDK 8.2's RequestValidator.Validate throws ArgumentException on an empty signature (checked here against
        // the signature vectors of the tests), so a missing header is refused before it is called.
        if (string.IsNullOrEmpty(signature) || !request.HasFormContentType)
        {
            return refused.Refuse(http, StatusCodes.Status403Forbidden, "no signature or no form body");
        }
        if (WebhookLimits.DeclaresTooMuch(request))
        {
            return refused.Refuse(http, StatusCodes.Status413PayloadTooLarge, "body larger than a Twilio form");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (WebhookLimits.IsOverLimit(e))
        {
            return refused.Refuse(http, StatusCodes.Status413PayloadTooLarge, "form past the webhook limits");
        }
        var url = new Uri(options.Value.PublicBaseUrl!, request.Path + request.QueryString).ToString();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!new RequestValidator(options.Value.AuthToken).Validate(url, fields, signature))
        {
            return refused.Refuse(http, StatusCodes.Status403Forbidden, "signature does not match");
        }
        return await next(context);
    }
}
