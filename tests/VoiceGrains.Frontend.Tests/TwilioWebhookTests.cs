using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Frontend.Tests;

[Collection(FrontendCollection.Name)]
public sealed class TwilioWebhookTests(FrontendFixture frontend)
{
    IGrainFactory Grains => frontend.Factory.Services.GetRequiredService<IGrainFactory>();

    static Dictionary<string, string> Form(JsonElement vector) =>
        vector.GetProperty("params").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    [SharedDataFact]
    public async Task EverySignedFormVectorIsAcceptedOrRefusedAsTheTwilioSdkDecided()
    {
        using var client = frontend.Factory.CreateClient();
        foreach (var vector in TwilioSignatureVectors.FormCases())
        {
            var signature = vector.TryGetProperty("signature", out var s) && s.GetString() is { Length: > 0 } value ? value : null;
            using var request = TwilioSignatureVectors.Post(vector.GetProperty("url").GetString()!, Form(vector), signature);

            using var response = await client.SendAsync(request);

            var name = vector.GetProperty("name").GetString();
            if (vector.GetProperty("valid").GetBoolean())
            {
                Assert.True(response.IsSuccessStatusCode, $"{name}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode}");
            }
        }
    }

    [SharedDataFact]
    public async Task TheVoiceWebhookStartsTheCallAndConnectsItsAudioWithASingleUseToken()
    {
        using var client = frontend.Factory.CreateClient();
        var vector = TwilioSignatureVectors.FormCases().First(c => c.GetProperty("name").GetString() == "voice-inbound");
        var form = Form(vector);
        form["CallSid"] = "CA" + Guid.NewGuid().ToString("N");
        var url = vector.GetProperty("url").GetString()!;

        using var response = await client.SendAsync(TwilioSignatureVectors.Post(url, form, TwilioSignatureVectors.Sign(url, form)));
        using var retried = await client.SendAsync(TwilioSignatureVectors.Post(url, form, TwilioSignatureVectors.Sign(url, form)));

        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var stream = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Connect")!.Element("Stream")!;
        Assert.Equal("wss://voice.example.com/twilio/media", stream.Attribute("url")!.Value);
        var token = stream.Elements("Parameter").Single(p => p.Attribute("name")!.Value == "token").Attribute("value")!.Value;
        var retriedToken = XDocument.Parse(await retried.Content.ReadAsStringAsync()).Descendants("Parameter").Single().Attribute("value")!.Value;
        var call = Grains.GetGrain<ICallGrain>(form["CallSid"]);
        var snapshot = await call.GetSnapshotAsync();
        Assert.Equal(CallDirection.Inbound, snapshot!.Direction);
        Assert.Equal("+14155550123", snapshot.From);
        Assert.False(await call.RedeemMediaTokenAsync(token));          // the retry's token replaced it
        Assert.True(await call.RedeemMediaTokenAsync(retriedToken));
        Assert.False(await call.RedeemMediaTokenAsync(retriedToken));
    }

    [SharedDataFact]
    public async Task AStatusCallbackSayingCompletedEndsTheCallAndARepeatOfItChangesNothing()
    {
        using var client = frontend.Factory.CreateClient();
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var voice = new Dictionary<string, string> { ["CallSid"] = sid, ["From"] = "+15550100019", ["To"] = "+15550100000", ["Direction"] = "inbound" };
        var status = new Dictionary<string, string> { ["CallSid"] = sid, ["CallStatus"] = "completed", ["CallDuration"] = "42" };
        const string voiceUrl = "https://voice.example.com/twilio/voice";
        const string statusUrl = "https://voice.example.com/twilio/status";

        await client.SendAsync(TwilioSignatureVectors.Post(voiceUrl, voice, TwilioSignatureVectors.Sign(voiceUrl, voice)));
        using var response = await client.SendAsync(TwilioSignatureVectors.Post(statusUrl, status, TwilioSignatureVectors.Sign(statusUrl, status)));
        var snapshot = await Grains.GetGrain<ICallGrain>(sid).GetSnapshotAsync();
        // Twilio retries a callback it got no answer to, and may send one more than once.
        using var repeated = await client.SendAsync(TwilioSignatureVectors.Post(statusUrl, status, TwilioSignatureVectors.Sign(statusUrl, status)));
        var afterRepeat = await Grains.GetGrain<ICallGrain>(sid).GetSnapshotAsync();

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(CallStatus.Ended, snapshot!.Status);
        Assert.Equal(CallOutcome.Completed, snapshot.Outcome);
        Assert.Equal(HttpStatusCode.NoContent, repeated.StatusCode);
        Assert.Equal((snapshot.Status, snapshot.Outcome, snapshot.EndedAt), (afterRepeat!.Status, afterRepeat.Outcome, afterRepeat.EndedAt));
    }

    [Fact]
    public async Task AVoiceWebhookForACallThatIsOverHangsUp()
    {
        using var client = frontend.Factory.CreateClient();
        var sid = "CA" + Guid.NewGuid().ToString("N");
        await Grains.GetGrain<ICallGrain>(sid).StartAsync(new CallStart(CallDirection.Inbound, "+15550100020", "+15550100000"));
        await Grains.GetGrain<ICallGrain>(sid).EndAsync(CallOutcome.Completed);
        var form = new Dictionary<string, string> { ["CallSid"] = sid, ["From"] = "+15550100020", ["To"] = "+15550100000" };
        const string url = "https://voice.example.com/twilio/voice";

        using var response = await client.SendAsync(TwilioSignatureVectors.Post(url, form, TwilioSignatureVectors.Sign(url, form)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Hangup"));
    }

    [Fact]
    public async Task ASignedVoiceWebhookWithoutACallSidIsABadRequest()
    {
        using var client = frontend.Factory.CreateClient();
        var form = new Dictionary<string, string> { ["From"] = "+15550100019", ["To"] = "+15550100000" };
        const string url = "https://voice.example.com/twilio/voice";

        using var response = await client.SendAsync(TwilioSignatureVectors.Post(url, form, TwilioSignatureVectors.Sign(url, form)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
