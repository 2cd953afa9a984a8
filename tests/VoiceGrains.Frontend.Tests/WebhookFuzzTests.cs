using System.Net;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace VoiceGrains.Frontend.Tests;

/// <summary>
/// Webhook forms fuzzed through the front end itself, on its real cluster and database: <see cref="Fuzzing.Inputs"/>
/// requests of generated fields, correctly signed (so they reach the handlers) or not, from many addresses. Every one
/// must be answered with a deliberate status, never a 500 (issue: hardening; figures in BENCHMARKS.md).
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class WebhookFuzzTests(FrontendFixture frontend, ITestOutputHelper output)
{
    static readonly string[] FieldNames =
    [
        "CallSid", "From", "To", "Direction", "CallStatus", "AnsweredBy", "CallDuration", "AccountSid", "ApiVersion", "Caller",
        "Called", "CallToken", "StirVerstat", "ForwardedFrom", "ParentCallSid", "x", "", "callsid", "CallSid[]",
    ];

    static readonly string[] Values =
    [
        "", " ", "\t", "+15550100015", "+15550100000", "anonymous", "client:alice", "inbound", "outbound-api", "outbound-dial",
        "completed", "busy", "no-answer", "failed", "canceled", "ringing", "in-progress", "machine_start", "human", "fax",
        "../../etc/passwd", "CA", "CA00000000000000000000000000000001", "CAFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "\u0000", "é中😀",
        "%00", "<Hangup/>", "-1", "99999999999999999999", new string('9', 4000),
    ];

    static readonly HashSet<int> Deliberate =
    [
        StatusCodes.Status200OK, StatusCodes.Status204NoContent, StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests,
    ];

    sealed record Request(string Path, Dictionary<string, string> Fields, bool Signed, int Address);

    static readonly Gen<string> Value = Gen.Frequency(
        (6, Gen.OneOf(Values)),
        (1, Gen.Int[0, 1000].Select(_ => "CA" + Guid.NewGuid().ToString("N"))),    // a call sid never seen: 404 or a new call
        (3, Gen.String[0, 64]));

    static readonly Gen<Request> Requests = Gen.Select(
        Gen.OneOf("/twilio/voice", "/twilio/status"),
        Gen.Select(Gen.OneOf(FieldNames), Value).Array[0, 12],
        Gen.Int[0, 9],
        Gen.Int[0, 250],
        (path, fields, signed, address) => new Request(path, fields.GroupBy(f => f.Item1).ToDictionary(g => g.Key, g => g.First().Item2), signed < 8, address));

    [Fact]
    public async Task EveryGeneratedWebhookGetsADeliberateAnswerNeverA500()
    {
        // The front end starts (and compiles its paths) on its first requests: that is not an input taking long.
        foreach (var path in new[] { "/twilio/voice", "/twilio/status" })
        {
            await SendAsync(new Request(path, new() { ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"), ["From"] = "+15550100015", ["To"] = "+15550100000" }, true, 0));
        }

        var report = await Fuzzing.RunAsync(Requests, async request =>
        {
            var status = await SendAsync(request);
            Assert.True(Deliberate.Contains(status), $"{status} for {request.Path}");
        }, request => $"{request.Path} signed={request.Signed} {string.Join('&', request.Fields.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value[..Math.Min(f.Value.Length, 40)])}"))}");
        output.WriteLine($"webhook forms: {report}");
    }

    async Task<int> SendAsync(Request request)
    {
        var url = "https://voice.example.com" + request.Path;
        var body = await new FormUrlEncodedContent(request.Fields).ReadAsByteArrayAsync();
        var signature = request.Signed ? TwilioSignatureVectors.Sign(url, request.Fields) : "forged";
        var context = await frontend.Factory.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = new IPAddress([10, 9, (byte)(request.Address / 250), (byte)request.Address]);
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = request.Path;
            http.Request.ContentType = "application/x-www-form-urlencoded";
            http.Request.ContentLength = body.Length;
            http.Request.Headers["X-Twilio-Signature"] = signature;
            http.Request.Body = new MemoryStream(body);
        });
        return context.Response.StatusCode;
    }
}
