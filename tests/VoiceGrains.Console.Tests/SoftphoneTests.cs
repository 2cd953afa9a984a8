using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Console.Softphone;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Tests;

/// <summary>
/// The softphone's server side, in-process: a call placed for one operator can have its audio socket opened by that
/// operator only, once, from the console's own pages; a front end that cannot be reached fails the call; and the Twilio
/// Voice SDK token carries the right grant, identity and expiry, signed with the API key's secret.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SoftphoneTests(ConsoleFixture console)
{
    SoftphoneCalls Calls => console.Factory.Services.GetRequiredService<SoftphoneCalls>();

    IGrainFactory Grains => console.Factory.Services.GetRequiredService<IGrainFactory>();

    async Task<string> IdOfAsync(TestOperator op)
    {
        await using var scope = console.Factory.Services.CreateAsyncScope();
        var found = await scope.ServiceProvider.GetRequiredService<UserManager<Operator>>().FindByEmailAsync(op.Email);
        return found!.Id;
    }

    /// <summary>The status the console answered a WebSocket request with (101 when it was accepted).</summary>
    async Task<int> ConnectAsync(string callSid, TestOperator? op, string? origin = null)
    {
        var client = console.Factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (op is not null)
            {
                request.Headers.Authorization = $"Bearer {op.ApiToken}";
            }
            if (origin is not null)
            {
                request.Headers.Origin = origin;
            }
        };
        try
        {
            using var socket = await client.ConnectAsync(new Uri($"ws://localhost/api/softphone/calls/{callSid}/media"), CancellationToken.None);
            return 101;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("status code", StringComparison.Ordinal))
        {
            // "Incomplete handshake, status code: N"
            return int.Parse(e.Message[(e.Message.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public async Task OnlyTheOperatorWhoPlacedACallMayConnectItsAudioOnceFromTheConsolesOwnPages()
    {
        var placed = await Calls.PlaceAsync(await IdOfAsync(console.Supervisor), callerNumber: null);
        var call = await Grains.GetGrain<ICallGrain>(placed.CallSid).GetSnapshotAsync();
        Assert.Equal(CallChannel.Browser, call!.Channel);
        Assert.StartsWith("client:operator_", call.From, StringComparison.Ordinal);

        Assert.Equal(401, await ConnectAsync(placed.CallSid, op: null));
        Assert.Equal(404, await ConnectAsync(placed.CallSid, console.Viewer));
        Assert.Equal(403, await ConnectAsync(placed.CallSid, console.Supervisor, origin: "https://elsewhere.example"));
        // The placing operator's socket is accepted only if the front end can be reached; here it cannot, and the call
        // fails rather than ringing on.
        Assert.Equal(502, await ConnectAsync(placed.CallSid, console.Supervisor));
        call = await Grains.GetGrain<ICallGrain>(placed.CallSid).GetSnapshotAsync();
        Assert.Equal(CallStatus.Ended, call!.Status);
        Assert.Equal(CallOutcome.Failed, call.Outcome);
        // Claimed once: never again.
        Assert.Equal(404, await ConnectAsync(placed.CallSid, console.Supervisor));
    }

    [Fact]
    public async Task ACallerNumberMustBeE164AndAGoodOneIsTheCallsCaller()
    {
        var id = await IdOfAsync(console.Viewer);
        await Assert.ThrowsAsync<ArgumentException>(() => Calls.PlaceAsync(id, "555-0100"));

        var placed = await Calls.PlaceAsync(id, "+15550100015");
        var call = await Grains.GetGrain<ICallGrain>(placed.CallSid).GetSnapshotAsync();
        Assert.Equal("+15550100015", call!.From);
        Assert.NotNull(call.CustomerId);
        await Grains.GetGrain<ICallGrain>(placed.CallSid).EndAsync(CallOutcome.Canceled);
    }

    [Fact]
    public async Task ATwilioAccessTokenHasAVoiceGrantForTheTwimlAppIsSignedAndExpires()
    {
        using var anonymous = console.Factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/softphone/twilio-token", UriKind.Relative))).StatusCode);

        using var viewer = console.ClientFor(console.Viewer);
        var before = DateTimeOffset.UtcNow;
        using var response = await viewer.GetAsync(new Uri("/api/softphone/twilio-token", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var issued = (await response.Content.ReadFromJsonAsync<JsonElement>());
        var jwt = issued.GetProperty("token").GetString()!.Split('.');
        var identity = issued.GetProperty("identity").GetString();
        Assert.Equal(SoftphoneCalls.ClientIdentity(await IdOfAsync(console.Viewer)), identity);

        // HS256 over header.payload with the API key's secret (RFC 7519), as Twilio checks it.
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(ConsoleFixture.ApiKeySecret), Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]));
        Assert.Equal(Base64Url(signature), jwt[2]);
        using var header = JsonDocument.Parse(FromBase64Url(jwt[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        using var payload = JsonDocument.Parse(FromBase64Url(jwt[1]));
        var claims = payload.RootElement;
        Assert.Equal(ConsoleFixture.ApiKeySid, claims.GetProperty("iss").GetString());
        Assert.Equal(ConsoleFixture.AccountSid, claims.GetProperty("sub").GetString());
        Assert.Equal(identity, claims.GetProperty("grants").GetProperty("identity").GetString());
        var voice = claims.GetProperty("grants").GetProperty("voice");
        Assert.Equal(ConsoleFixture.TwimlAppSid, voice.GetProperty("outgoing").GetProperty("application_sid").GetString());
        Assert.False(voice.TryGetProperty("incoming", out var incoming) && incoming.GetProperty("allow").GetBoolean());
        // Ten minutes, the default: short-lived, and what the response says.
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.GetProperty("exp").GetInt64());
        Assert.InRange(expires - before, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(30));
        Assert.Equal(expires, issued.GetProperty("expiresAt").GetDateTimeOffset());
    }

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
