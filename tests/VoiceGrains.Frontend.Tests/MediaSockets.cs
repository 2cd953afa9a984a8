using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Frontend.Tests;

/// <summary>Media Streams WebSockets to the in-process front end, opened and spoken to as Twilio does.</summary>
static class MediaSockets
{
    /// <summary>An inbound call started on the cluster, and a media token for it (what the voice webhook would give).</summary>
    public static async Task<(string Sid, ICallGrain Call, string Token)> NewCallAsync(IGrainFactory grains)
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var call = grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100021", "+15550100000"));
        return (sid, call, (await call.IssueMediaTokenAsync(TimeSpan.FromMinutes(1)))!);
    }

    /// <summary>One inbound media message: 20 ms of silence at this timestamp.</summary>
    public static string Silence(long sequence, long timestampMs) => JsonSerializer.Serialize(new
    {
        @event = "media",
        sequenceNumber = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        media = new
        {
            track = "inbound",
            chunk = (sequence - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            timestamp = timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            payload = Convert.ToBase64String(new byte[160]),
        },
    });

    public static async Task<WebSocket> ConnectAsync(FrontendFixture frontend) =>
        await frontend.Factory.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/twilio/media"), CancellationToken.None);

    public static Task SendAsync(WebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Twilio's start message for this call, with its token.</summary>
    public static Task StartAsync(WebSocket socket, string callSid, string token) => SendAsync(socket, JsonSerializer.Serialize(new
    {
        @event = "start",
        sequenceNumber = "1",
        start = new
        {
            streamSid = "MZ" + Guid.NewGuid().ToString("N"),
            callSid,
            customParameters = new { token },
            mediaFormat = new { encoding = "audio/x-mulaw", sampleRate = 8000, channels = 1 },
        },
    }));

    /// <summary>Waits for the first message the front end sends (the agent's greeting); false if the socket closed first.</summary>
    public static async Task<bool> WaitForAgentAsync(WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return result.MessageType != WebSocketMessageType.Close;
    }

    /// <summary>Reads until the front end closes the socket; its close status.</summary>
    public static async Task<WebSocketCloseStatus?> WaitForCloseAsync(WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
        }
        return socket.CloseStatus;
    }
}
