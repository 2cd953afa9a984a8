namespace VoiceGrains.Telephony;

/// <summary>
/// Sends the Twilio SDK's REST requests to <see cref="TwilioOptions.ApiBaseUrl"/>. The SDK builds every URL on
/// https://api.twilio.com (or a regional host) and has no setting for another base, so its requests are re-aimed
/// here, keeping path and query; with the default base nothing changes.
/// </summary>
sealed class TwilioApiRedirect(Uri apiBaseUrl) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri)
        {
            request.RequestUri = new Uri(apiBaseUrl, uri.PathAndQuery);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
