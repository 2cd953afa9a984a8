using Microsoft.Extensions.Options;
using VoiceGrains.Telephony;
using Twilio.Security;

namespace VoiceGrains.Frontend.Twilio;

/// <summary>
/// Refuses (403) any webhook whose X-Twilio-Signature does not match, checked by the Twilio SDK's validator over
/// the public URL (PublicBaseUrl + path + query, as Twilio signed it) and the form fields. Nothing runs first.
/// </summary>
sealed partial class TwilioSignatureFilter(IOptions<TwilioOptions> options, ILogger<TwilioSignatureFilter> logger) : IEndpointFilter
{
    const string Header = "X-Twilio-Signature";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var signature = request.Headers[Header].ToString();
        var url = new Uri(options.Value.PublicBaseUrl!, request.Path + request.QueryString).ToString();
        // Twilio SDK 8.2's RequestValidator.Validate throws ArgumentException on an empty signature (checked here against
        // the signature vectors of the tests), so a missing header is refused before it is called.
        if (string.IsNullOrEmpty(signature) || !request.HasFormContentType)
        {
            Log.Refused(logger, request.Path, "no signature or no form body");
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!new RequestValidator(options.Value.AuthToken).Validate(url, fields, signature))
        {
            Log.Refused(logger, request.Path, "signature does not match");
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Twilio webhook to {Path}: {Reason}")]
        public static partial void Refused(ILogger logger, string path, string reason);
    }
}
