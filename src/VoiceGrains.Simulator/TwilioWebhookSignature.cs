using System.Security.Cryptography;
using System.Text;

namespace VoiceGrains.Simulator;

/// <summary>
/// Signs a webhook the way Twilio does (X-Twilio-Signature): base64 HMAC-SHA1, keyed by the auth token, over the
/// full URL followed by each form field's name and value, in name order. Written here because the Twilio SDK only
/// validates signatures; the tests check what this produces against the SDK's RequestValidator and Twilio's vectors.
/// </summary>
public static class TwilioWebhookSignature
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        // Twilio signs with HMAC-SHA1 (its webhook security documentation): the protocol's choice, not ours.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
