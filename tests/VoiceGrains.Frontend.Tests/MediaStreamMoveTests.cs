using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceGrains.Audio;
using VoiceGrains.Contracts.Calls;
using static VoiceGrains.Frontend.Tests.MediaSockets;

namespace VoiceGrains.Frontend.Tests;

/// <summary>
/// A front end that shuts down during a call: two in-process front ends on the fixture's silo, the one carrying the call
/// told to stop (its ApplicationStopping, as SIGTERM does). The test plays Twilio: it takes the REST update the call
/// sends, ends the old stream with <c>stop</c> and opens the new one from the update's TwiML on the front end that stays.
/// </summary>
[Collection(FrontendCollection.Name)]
public sealed partial class MediaStreamMoveTests(FrontendFixture frontend)
{
    [Fact]
    public async Task AFrontEndThatShutsDownMovesItsCallsStreamThroughTheCarrierAndTheCallGoesOnWhereItWas()
    {
        await using var leaving = new WebApplicationFactory<Program>();
        await using var staying = new WebApplicationFactory<Program>();
        var cluster = staying.Services.GetRequiredService<IClusterClient>();
        var (sid, call, token) = await NewCallAsync(cluster);
        frontend.Twilio.Know(sid, "+15550100021", "+15550100000");
        using var first = await leaving.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/twilio/media"), CancellationToken.None);
        await StartAsync(first, sid, token);
        Assert.True(await WaitForAgentAsync(first));                // the greeting
        // The caller asks; the agent is answering when its front end goes. Nothing of the answer is echoed as heard.
        await cluster.GetGrain<ICallHearingGrain>(sid).HearAsync(new NewTurn(Speaker.Caller, "What are your opening hours?", DateTimeOffset.UtcNow));

        leaving.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var update = await EventuallyAsync(() => frontend.Twilio.Updates.FirstOrDefault(u => u.CallSid == sid).Form);
        var twiml = update["Twiml"];
        Assert.True(twiml.Contains("<Stream url=\"wss://voice.example.com/twilio/media\">", StringComparison.Ordinal), twiml);
        var moved = TokenParameter().Match(twiml).Groups[1].Value;
        Assert.NotEqual(token, moved);
        // A replayed voice webhook still gets no way in while the call moves.
        Assert.Null(await call.IssueMediaTokenAsync(TimeSpan.FromMinutes(1)));

        // Twilio runs the new TwiML: the old stream stops, which ends the stream and not the call.
        await SendAsync(first, """{"event":"stop","sequenceNumber":"900","streamSid":"MZ00000000000000000000000000000001","stop":{"accountSid":"AC0123456789abcdef0123456789abcdef","callSid":"CA"}}""");
        await StreamEndedAsync(first);
        var firstPart = await EventuallyAsync(async () => (await call.GetSnapshotAsync())!.RecordingPath);
        var firstDuration = WavFile.Read(firstPart).Duration;
        Assert.NotEqual(CallStatus.Ended, (await call.GetSnapshotAsync())!.Status);

        using var second = await staying.Server.CreateWebSocketClient().ConnectAsync(new Uri("ws://localhost/twilio/media"), CancellationToken.None);
        await StartAsync(second, sid, moved);
        // The answer the caller had not heard comes on the new stream, with its marks.
        var marks = await AgentMarksAsync(second);
        Assert.Contains(marks, m => m.StartsWith("reply1-", StringComparison.Ordinal));
        foreach (var mark in marks)
        {
            await SendAsync(second, $$$"""{"event":"mark","sequenceNumber":"5","streamSid":"MZ0","mark":{"name":"{{{mark}}}"}}""");
        }
        await SendAsync(second, """{"event":"stop","sequenceNumber":"901","streamSid":"MZ0","stop":{"accountSid":"AC0123456789abcdef0123456789abcdef","callSid":"CA"}}""");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await WaitForCloseAsync(second));

        var ended = await EventuallyAsync(async () => await call.GetSnapshotAsync() is { Status: CallStatus.Ended } s ? s : null);
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        // The answer is one turn, stored once, not cut: it was paused and then heard whole on the new stream.
        var answer = Assert.Single(ended.Turns.SkipWhile(t => t.Speaker != Speaker.Caller).Skip(1));
        Assert.Equal(Speaker.Agent, answer.Speaker);
        Assert.False(answer.Interrupted, answer.Text);
        // One recording for the call: the first stream's part, then the second's.
        var whole = await EventuallyAsync(async () =>
            WavFile.Read((await call.GetSnapshotAsync())!.RecordingPath!) is var wav && wav.Duration > firstDuration ? wav : null);
        Assert.True(whole.Duration > firstDuration + TimeSpan.FromSeconds(1), $"{whole.Duration} after {firstDuration}");
    }

    [Fact]
    public async Task ABrowserCallsStreamDoesNotMoveAndAFailedCarrierLeavesTheStreamWhereItIs()
    {
        var cluster = frontend.Factory.Services.GetRequiredService<IClusterClient>();
        var browser = cluster.GetGrain<ICallGrain>("CA" + Guid.NewGuid().ToString("N"));
        await browser.StartAsync(new CallStart(CallDirection.Inbound, "client:operator-1", "+15550100000", Channel: CallChannel.Browser));
        var (sid, call, token) = await NewCallAsync(cluster);
        using var socket = await ConnectAsync(frontend);
        await StartAsync(socket, sid, token);
        Assert.True(await WaitForAgentAsync(socket));

        frontend.Twilio.FailNextWith = 500;

        Assert.False(await browser.MoveMediaAsync(TimeSpan.FromSeconds(30)));
        Assert.False(await call.MoveMediaAsync(TimeSpan.FromSeconds(30)));      // Twilio answered 500
        Assert.Null(frontend.Twilio.FailNextWith);                               // it was asked
        // The stream is still the call's: it is not moving, and stop ends the call as completed.
        await SendAsync(socket, """{"event":"stop","sequenceNumber":"900","streamSid":"MZ0","stop":{"accountSid":"AC0123456789abcdef0123456789abcdef","callSid":"CA"}}""");
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await WaitForCloseAsync(socket));
        var ended = await EventuallyAsync(async () => await call.GetSnapshotAsync() is { Status: CallStatus.Ended } s ? s : null);
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
    }

    /// <summary>Reads the agent's audio until a second has passed with nothing new after a mark; the marks, in order.</summary>
    static async Task<List<string>> AgentMarksAsync(WebSocket socket)
    {
        var marks = new List<string>();
        var buffer = new byte[16 * 1024];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var quiet = new CancellationTokenSource(marks.Count > 0 ? TimeSpan.FromSeconds(1) : deadline - DateTime.UtcNow);
            try
            {
                var result = await socket.ReceiveAsync(buffer, quiet.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return marks;
                }
                var message = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!;
                if ((string)message["event"]! == "mark")
                {
                    marks.Add((string)message["mark"]!["name"]!);
                }
            }
            catch (OperationCanceledException) when (marks.Count > 0)
            {
                return marks;
            }
        }
        return marks;
    }

    /// <summary>Reads until the front end has closed the stream (the in-process server may end the request before its close frame is read).</summary>
    static async Task StreamEndedAsync(WebSocket socket)
    {
        try
        {
            await WaitForCloseAsync(socket);
        }
        catch (IOException)
        {
        }
    }

    static async Task<T> EventuallyAsync<T>(Func<Task<T?>> read) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }
            Assert.True(DateTime.UtcNow < deadline, "not within 30 s");
            await Task.Delay(100);
        }
    }

    static async Task<T> EventuallyAsync<T>(Func<T?> read) where T : class => await EventuallyAsync(() => Task.FromResult(read()));

    [GeneratedRegex("<Parameter name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenParameter();
}
