using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace VoiceGrains.Frontend.Twilio;

/// <summary>
/// How much of a webhook request is read at all. Twilio's voice and status forms are 1–2 KB (a few dozen fields, the
/// longest a caller-ID token of a few hundred characters); without a cap, a request with any signature header made the
/// front end buffer and HMAC a body of several MB before refusing it (0.28 GB → 2.9 GB under a modest flood).
/// </summary>
static class WebhookLimits
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxFields = 100;
    public const int MaxFieldNameLength = 128;
    public const int MaxFieldValueLength = 4 * 1024;

    /// <summary>
    /// The body cap (ASP.NET Core's routing applies <see cref="RequestSizeLimitAttribute"/> to the request's body
    /// feature, so the server stops reading past it) and the form reader's limits, on every webhook.
    /// </summary>
    public static TBuilder WithWebhookLimits<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithFormOptions(bufferBody: false, bufferBodyLengthLimit: MaxBodyBytes, valueCountLimit: MaxFields,
                keyLengthLimit: MaxFieldNameLength, valueLengthLimit: MaxFieldValueLength);

    /// <summary>The body is too large to be a Twilio form, by its declared length (read nothing) or as it was read.</summary>
    public static bool DeclaresTooMuch(HttpRequest request) => request.ContentLength > MaxBodyBytes;

    /// <summary>What reading a form past these limits throws.</summary>
    public static bool IsOverLimit(Exception e) => e is InvalidDataException or BadHttpRequestException;
}
