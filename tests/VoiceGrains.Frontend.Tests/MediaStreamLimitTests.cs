using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Frontend.Tests;

/// <summary>
/// What a stranger can do with the media WebSocket, which needs no signature to open: a front end of its own with
/// small limits, on the fixture's cluster (issue: hardening).
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed class MediaStreamLimitTests(FrontendFixture frontend) : IDisposable
{
    const int MaxBadMessages = 5;
    const int MaxUnstarted = 3;

    readonly WebApplicationFactory<Program> limited = frontend.Factory.WithWebHostBuilder(host => host.ConfigureAppConfiguration(
        configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MediaStreams:StartTimeout"] = "00:00:01",
            ["MediaStreams:MaxBadMessages"] = MaxBadMessages.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MediaStreams:MaxUnstartedPerAddress"] = MaxUnstarted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MediaStreams:MaxTimestampLead"] = "00:00:05",
        })));

    IClusterClient Cluster => limited.Services.GetRequiredService<IClusterClient>();

    Task<WebSocket> ConnectAsync() =>
        limited.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/twilio/media"), CancellationToken.None);

    /// <summary>True once the front end has closed or aborted the socket, false if it is still open after the wait.</summary>
    static async Task<bool> EndsWithinAsync(WebSocket socket, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            return true;
        }
    }

    [Fact]
    public async Task ASocketThatDoesNotStartIsClosedAfterTheStartTimeout()
    {
        using var idle = await ConnectAsync();
        await MediaSockets.SendAsync(idle, "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");

        Assert.True(await EndsWithinAsync(idle, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task MessagesBeforeStartOtherThanOneConnectedAreUnusableAndCloseTheSocket()
    {
        using var chatty = await ConnectAsync();
        for (var i = 0; i <= MaxBadMessages + 1; i++)
        {
            await MediaSockets.SendAsync(chatty, "{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        }

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await MediaSockets.WaitForCloseAsync(chatty));
    }

    [Fact]
    public async Task OneAddressCannotHoldMoreThanAFewUnstartedSockets()
    {
        var held = new List<WebSocket>();
        for (var i = 0; i < MaxUnstarted; i++)
        {
            held.Add(await ConnectAsync());
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(ConnectAsync);

        Assert.Contains("503", refused.Message, StringComparison.Ordinal);
        foreach (var socket in held)
        {
            socket.Abort();
            socket.Dispose();
        }
    }

    [Fact]
    public async Task IdleSocketsCannotKeepARealCallOutTheLongestWaitingMakesRoom()
    {
        using var full = frontend.Factory.WithWebHostBuilder(host => host.ConfigureAppConfiguration(configuration =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["MediaStreams:MaxSessions"] = "2" })));
        async Task<WebSocket> OpenAsync() =>
            await full.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/twilio/media"), CancellationToken.None);
        using var oldest = await OpenAsync();
        using var idle = await OpenAsync();
        var (sid, _, token) = await MediaSockets.NewCallAsync(full.Services.GetRequiredService<IClusterClient>());

        using var real = await OpenAsync();
        await MediaSockets.StartAsync(real, sid, token);

        Assert.True(await EndsWithinAsync(oldest, TimeSpan.FromSeconds(5)));
        Assert.True(await MediaSockets.WaitForAgentAsync(real));
        Assert.Equal(WebSocketState.Open, idle.State);
        real.Abort();
        idle.Abort();
    }

    [Fact]
    public async Task ARecordingThatCannotBeWrittenIsGivenUpAndTheCallGoesOn()
    {
        // Recordings stream to disk as the call goes: a folder that cannot be made (as a full disk would) must not end the call.
        using var unwritable = frontend.Factory.WithWebHostBuilder(host => host.ConfigureAppConfiguration(configuration =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Recordings:Directory"] = "/proc/voicegrains-recordings" })));
        var (sid, call, token) = await MediaSockets.NewCallAsync(unwritable.Services.GetRequiredService<IClusterClient>());
        using var socket = await unwritable.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/twilio/media"), CancellationToken.None);

        await MediaSockets.StartAsync(socket, sid, token);
        await MediaSockets.SendAsync(socket, MediaSockets.Silence(sequence: 2, timestampMs: 20));

        Assert.True(await MediaSockets.WaitForAgentAsync(socket));
        await MediaSockets.SendAsync(socket, """{"event":"stop","sequenceNumber":"3","stop":{}}""");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await MediaSockets.WaitForCloseAsync(socket));
        var ended = (await call.GetSnapshotAsync())!;
        Assert.Equal((CallStatus.Ended, CallOutcome.Completed, (string?)null), (ended.Status, ended.Outcome, ended.RecordingPath));
    }

    [Fact]
    public async Task MediaTimestampedFarAheadOfTheStreamIsUnusable()
    {
        var (sid, _, token) = await MediaSockets.NewCallAsync(Cluster);
        using var socket = await ConnectAsync();
        await MediaSockets.StartAsync(socket, sid, token);

        for (var i = 0; i <= MaxBadMessages; i++)
        {
            // Two hours in: this alone once made two 115 MB recordings.
            await MediaSockets.SendAsync(socket, MediaSockets.Silence(sequence: i + 2, timestampMs: 7_200_000));
        }

        Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await MediaSockets.WaitForCloseAsync(socket));
    }

    [Fact]
    public async Task UnknownCallSidsOnTheCarriersSurfaceActivateNoCallGrain()
    {
        using var client = limited.CreateClient();
        var management = Cluster.GetGrain<IManagementGrain>(0);
        async Task<int> CallGrainsAsync() =>
            (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("CallGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var before = await CallGrainsAsync();

        for (var i = 0; i < 50; i++)
        {
            var sid = "CA" + Guid.NewGuid().ToString("N");
            var form = new Dictionary<string, string> { ["CallSid"] = sid, ["CallStatus"] = "completed" };
            const string status = "https://voice.example.com/twilio/status";
            using var callback = await client.SendAsync(TwilioSignatureVectors.Post(status, form, TwilioSignatureVectors.Sign(status, form)));
            Assert.Equal(System.Net.HttpStatusCode.NotFound, callback.StatusCode);
            using var socket = await ConnectAsync();
            await MediaSockets.StartAsync(socket, sid, "a-guessed-token");
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, await MediaSockets.WaitForCloseAsync(socket));
        }

        Assert.True(await CallGrainsAsync() <= before, $"{before} call grains before, {await CallGrainsAsync()} after");
    }

    public void Dispose() => limited.Dispose();
}
