using System.Text.Json;
using VoiceGrains.Simulator;

namespace VoiceGrains.Frontend.Tests;

/// <summary>
/// ../shared/testdata/twilio/signatures/vectors.json (checked against the Twilio SDK), and the documented
/// signing scheme for requests the vectors do not cover, as the caller simulator signs.
/// </summary>
static class TwilioSignatureVectors
{
    public const string AuthToken = "12345";

    public static IEnumerable<JsonElement> FormCases()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("twilio", "signatures", "vectors.json")));
        return vectors.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("content_type").GetString() == "application/x-www-form-urlencoded")
            .Select(c => c.Clone())
            .ToList();
    }

    public static string Sign(string url, IReadOnlyDictionary<string, string> form) => TwilioWebhookSignature.Sign(AuthToken, url, form);

    public static HttpRequestMessage Post(string url, IReadOnlyDictionary<string, string> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url).PathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }
        return request;
    }
}
