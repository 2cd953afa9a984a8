using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceGrains.Data.Calls;
using VoiceGrains.Frontend.Twilio;

namespace VoiceGrains.Frontend.Tests;

/// <summary>What a stranger can send the webhooks: found by probing the running product (issue: hardening).</summary>
[Collection(FrontendCollection.Name)]
public sealed class WebhookLimitTests(FrontendFixture frontend)
{
    const string VoiceUrl = "https://voice.example.com/twilio/voice";
    const string StatusUrl = "https://voice.example.com/twilio/status";

    /// <summary>A POST from a given address (the refusal limit counts per address), its body declared or streamed.</summary>
    async Task<HttpContext> PostFromAsync(string address, string path, byte[] body, string? signature, bool declareLength = true) =>
        await frontend.Factory.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = path;
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.ContentLength = declareLength ? body.Length : null;
            if (signature is not null)
            {
                context.Request.Headers["X-Twilio-Signature"] = signature;
            }
            context.Request.Body = new MemoryStream(body);
        });

    static Dictionary<string, string> Voice(string sid) =>
        new() { ["CallSid"] = sid, ["From"] = "+15550100019", ["To"] = "+15550100000", ["Direction"] = "inbound" };

    [Fact]
    public async Task ABodyTooLargeForATwilioFormIsRefusedWhateverItsSignature()
    {
        var declared = await PostFromAsync("10.1.0.1", "/twilio/voice", new byte[5 * 1024 * 1024], "any-signature");
        var oneHugeField = await PostFromAsync("10.1.0.1", "/twilio/voice", Encoding.ASCII.GetBytes("CallSid=" + new string('a', 1024 * 1024)), "x", declareLength: false);
        var manyFields = await PostFromAsync("10.1.0.1", "/twilio/voice",
            Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=1"))), "x", declareLength: false);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, declared.Response.StatusCode);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, oneHugeField.Response.StatusCode);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, manyFields.Response.StatusCode);
    }

    [Fact]
    public async Task AnAddressRefusedTooOftenIsAnswered429AndOtherAddressesAreNot()
    {
        var body = Encoding.ASCII.GetBytes("CallSid=CA00000000000000000000000000000001&From=%2B15550100019&To=%2B15550100000");
        for (var i = 0; i < RefusedWebhooks.RefusalsPerAddress; i++)
        {
            var refused = await PostFromAsync("10.2.0.1", "/twilio/voice", body, "forged");
            Assert.Equal(StatusCodes.Status403Forbidden, refused.Response.StatusCode);
            await Task.Delay(20);       // a flood's pace over new connections (a token bucket refilled itself at this pace)
        }

        var cutOff = await PostFromAsync("10.2.0.1", "/twilio/voice", body, "forged");
        var unsigned = await PostFromAsync("10.2.0.1", "/twilio/status", body, signature: null);
        var other = await PostFromAsync("10.2.0.2", "/twilio/voice", body, "forged");

        Assert.Equal(StatusCodes.Status429TooManyRequests, cutOff.Response.StatusCode);
        Assert.Equal(StatusCodes.Status429TooManyRequests, unsigned.Response.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, other.Response.StatusCode);
    }

    [Fact]
    public async Task SignedWebhooksWithoutACallSidOrWithOneThatIsNotACallSidAreBadRequestsAndAnUnknownCallIsNotFound()
    {
        using var client = frontend.Factory.CreateClient();
        async Task<HttpStatusCode> PostAsync(string url, Dictionary<string, string> form)
        {
            using var response = await client.SendAsync(TwilioSignatureVectors.Post(url, form, TwilioSignatureVectors.Sign(url, form)));
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(StatusUrl, new() { ["CallStatus"] = "completed" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(StatusUrl, new() { ["CallSid"] = "../../etc/passwd", ["CallStatus"] = "completed" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(VoiceUrl, Voice("../../etc/passwd")));
        var noCaller = Voice($"CA{Guid.NewGuid():N}");
        noCaller["From"] = " ";
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(VoiceUrl, noCaller));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(StatusUrl, new() { ["CallSid"] = $"CA{Guid.NewGuid():N}", ["CallStatus"] = "completed" }));
    }

    [Fact]
    public async Task AFailureBehindTheCarrierSurfaceAnswersProblemDetailsWithoutInternalsEvenInDevelopment()
    {
        // A real failure: the front end's database is not there (a misconfiguration), in the Development environment
        // that scripts/run.sh uses, where ASP.NET Core's exception page shows the stack and the request's headers.
        var missing = new NpgsqlConnectionStringBuilder(frontend.ConnectionString) { Database = "no_such_database" }.ConnectionString;
        using var dataSource = NpgsqlDataSource.Create(missing);
        using var broken = frontend.Factory.WithWebHostBuilder(host => host
            .UseEnvironment("Development")
            .ConfigureTestServices(services => services.AddSingleton(new CallRepository(dataSource))));
        using var client = broken.CreateClient();
        var form = new Dictionary<string, string> { ["CallSid"] = $"CA{Guid.NewGuid():N}", ["CallStatus"] = "completed" };
        var signature = TwilioSignatureVectors.Sign(StatusUrl, form);

        using var response = await client.SendAsync(TwilioSignatureVectors.Post(StatusUrl, form, signature));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(signature, body, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
        Assert.DoesNotContain("no_such_database", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepeatedVoiceWebhookAfterTheStreamStartedGetsNoTokenAndASecondStartIsRefused()
    {
        using var client = frontend.Factory.CreateClient();
        var sid = $"CA{Guid.NewGuid():N}";
        var form = Voice(sid);
        var signature = TwilioSignatureVectors.Sign(VoiceUrl, form);
        using var first = await client.SendAsync(TwilioSignatureVectors.Post(VoiceUrl, form, signature));
        var token = XDocument.Parse(await first.Content.ReadAsStringAsync()).Descendants("Parameter").Single().Attribute("value")!.Value;
        using var live = await MediaSockets.ConnectAsync(frontend);
        await MediaSockets.StartAsync(live, sid, token);
        await MediaSockets.WaitForAgentAsync(live);

        using var replayed = await client.SendAsync(TwilioSignatureVectors.Post(VoiceUrl, form, signature));
        var replayedTwiml = XDocument.Parse(await replayed.Content.ReadAsStringAsync());
        using var intruder = await MediaSockets.ConnectAsync(frontend);
        await MediaSockets.StartAsync(intruder, sid, token);

        Assert.Empty(replayedTwiml.Descendants("Stream"));
        Assert.Single(replayedTwiml.Descendants("Hangup"));
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, await MediaSockets.WaitForCloseAsync(intruder));
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, live.State);
        live.Abort();
    }
}
