using System.Text.Json;
using VoiceGrains.Simulator;

namespace VoiceGrains.Simulator.Tests;

public sealed class TwilioWebhookSignatureTests
{
    [SharedDataFact]
    public void SignsEveryValidFormVectorAsTwilioAndItsSdkDo()
    {
        using var vectors = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("twilio", "signatures", "vectors.json")));
        var cases = vectors.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("content_type").GetString() == "application/x-www-form-urlencoded" && c.GetProperty("valid").GetBoolean())
            .ToList();

        Assert.NotEmpty(cases);
        foreach (var vector in cases)
        {
            var form = vector.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            Assert.Equal(vector.GetProperty("signature").GetString(),
                TwilioWebhookSignature.Sign(vector.GetProperty("auth_token").GetString()!, vector.GetProperty("url").GetString()!, form));
        }
    }
}
