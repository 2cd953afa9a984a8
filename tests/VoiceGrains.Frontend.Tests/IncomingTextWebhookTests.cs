using System.Net;
using System.Xml.Linq;
using Npgsql;
using VoiceGrains.Data.Messaging;

namespace VoiceGrains.Frontend.Tests;

/// <summary>
/// The messaging webhook: a signed STOP (in any case, with punctuation) stops texts to the sender's number and START
/// lets them through again; other texts change nothing; an unsigned one is refused before it is read.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class IncomingTextWebhookTests(FrontendFixture frontend)
{
    const string Url = "https://voice.example.com/twilio/sms";

    static Dictionary<string, string> Text(string from, string body) => new()
    {
        ["MessageSid"] = "SM" + Guid.NewGuid().ToString("N"),
        ["AccountSid"] = "AC" + new string('0', 32),
        ["From"] = from,
        ["To"] = "+15550100000",
        ["Body"] = body,
        ["NumMedia"] = "0",
    };

    [Fact]
    public async Task StopAndStartFromTheSenderAreHonoured()
    {
        using var client = frontend.Factory.CreateClient();
        await using var dataSource = NpgsqlDataSource.Create(frontend.ConnectionString);
        var texts = new TextMessageRepository(dataSource);
        const string Sender = "+15550180001";

        async Task<HttpResponseMessage> SendAsync(Dictionary<string, string> form) =>
            await client.SendAsync(TwilioSignatureVectors.Post(Url, form, TwilioSignatureVectors.Sign(Url, form)));

        using var unsigned = await client.SendAsync(TwilioSignatureVectors.Post(Url, Text(Sender, "STOP"), null));
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        Assert.False(await texts.IsOptedOutAsync(Sender, CancellationToken.None));

        using var other = await SendAsync(Text(Sender, "Please stop by tomorrow"));
        Assert.False(await texts.IsOptedOutAsync(Sender, CancellationToken.None));

        using var stop = await SendAsync(Text(Sender, " stop. "));
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("Response", XDocument.Parse(await stop.Content.ReadAsStringAsync()).Root!.Name.LocalName);
        Assert.True(await texts.IsOptedOutAsync(Sender, CancellationToken.None));

        using var start = await SendAsync(Text(Sender, "START"));
        Assert.False(await texts.IsOptedOutAsync(Sender, CancellationToken.None));

        using var bad = await SendAsync(Text("someone", "STOP"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
