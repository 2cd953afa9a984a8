using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;

namespace VoiceGrains.Telephony;

/// <summary>
/// The Twilio SDK's REST clients for the configured account, over one HttpClient of their own: not the factory's,
/// whose service defaults add a retrying resilience handler, and a repeated create would ring a customer twice or
/// text them twice.
/// </summary>
sealed class TwilioRestClients(IOptions<TwilioOptions> options) : IDisposable
{
    readonly System.Net.Http.HttpClient http = new(new TwilioApiRedirect(options.Value.ApiBaseUrl) { InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) } })
    {
        Timeout = TimeSpan.FromSeconds(15),
    };

    public TwilioRestClient Create()
    {
        var twilio = options.Value;
        return new TwilioRestClient(twilio.AccountSid, twilio.AuthToken, accountSid: twilio.AccountSid, httpClient: new SystemNetHttpClient(http));
    }

    public void Dispose() => http.Dispose();
}
