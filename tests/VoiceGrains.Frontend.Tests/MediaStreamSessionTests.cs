using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using VoiceGrains.Audio;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Frontend.Tests;

[Collection(FrontendCollection.Name)]
public sealed class MediaStreamSessionTests(FrontendFixture frontend)
{
    IClusterClient Cluster => frontend.Factory.Services.GetRequiredService<IClusterClient>();

    async Task<(string Sid, string Token)> NewCallAsync()
    {
        var (sid, _, token) = await MediaSockets.NewCallAsync(Cluster);
        return (sid, token);
    }

    /// <summary>The shared JFK session, rewritten for this call: its sid and its token.</summary>
    static List<string> Session(string sid, string token) =>
        File.ReadAllLines(SharedData.PathOf("twilio", "media-streams", "sessions", "jfk-inbound.jsonl"))
            .Select(line =>
            {
                var message = JsonNode.Parse(line)!;
                if (message["start"] is { } start)
                {
                    start["callSid"] = sid;
                    start["customParameters"]!["token"] = token;
                }
                return message.ToJsonString();
            })
            .ToList();

    Task<WebSocket> ConnectAsync() => MediaSockets.ConnectAsync(frontend);

    static Task SendAsync(WebSocket socket, string message) => MediaSockets.SendAsync(socket, message);

    async Task<List<CallerAudio>> ListenAsync(string sid, List<CallerAudio> received)
    {
        var stream = Cluster.GetStreamProvider(StreamNames.AudioProvider).GetStream<CallerAudio>(StreamId.Create(StreamNames.AudioIn, sid));
        await stream.SubscribeAsync((audio, _) =>
        {
            lock (received)
            {
                received.Add(audio);
            }
            return Task.CompletedTask;
        });
        return received;
    }

    static Task<WebSocketCloseStatus?> WaitForCloseAsync(WebSocket socket) => MediaSockets.WaitForCloseAsync(socket);

    static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }

    [SharedDataFact]
    public async Task AWholeCallsAudioReachesItsStreamInOrderAndStopEndsTheCall()
    {
        var (sid, token) = await NewCallAsync();
        var received = await ListenAsync(sid, []);
        var lines = Session(sid, token);
        using var socket = await ConnectAsync();

        foreach (var line in lines)
        {
            await SendAsync(socket, line);
        }
        var close = await WaitForCloseAsync(socket);
        await WaitForAsync(() => { lock (received) { return received.Sum(r => r.MuLaw.Length) >= 650 * 160; } });

        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
        var expected = lines.Select(l => JsonNode.Parse(l)!).Where(m => (string?)m["event"] == "media")
            .SelectMany(m => Convert.FromBase64String((string)m["media"]!["payload"]!)).ToArray();
        lock (received)
        {
            Assert.Equal(expected, received.OrderBy(r => r.FirstSequence).SelectMany(r => r.MuLaw).ToArray());
            Assert.All(received, r => Assert.True(r.MuLaw.Length <= 3 * 160));
        }
        var call = await Cluster.GetGrain<ICallGrain>(sid).GetSnapshotAsync();
        Assert.Equal((CallOutcome.Completed, CallStatus.Ended), (call!.Outcome, call.Status));
    }

    [SharedDataFact]
    public async Task AStreamWithoutAValidTokenIsClosedAndReachesNothing()
    {
        var (sid, _) = await NewCallAsync();
        var received = await ListenAsync(sid, []);
        using var socket = await ConnectAsync();

        foreach (var line in Session(sid, "a-forged-token").Take(20))
        {
            if (socket.State != WebSocketState.Open)
            {
                break;
            }
            await SendAsync(socket, line);
        }
        var close = await WaitForCloseAsync(socket);
        await Task.Delay(300);

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, close);
        Assert.Empty(received);
        Assert.Equal(CallStatus.Ringing, (await Cluster.GetGrain<ICallGrain>(sid).GetSnapshotAsync())!.Status);
    }

    [SharedDataFact]
    public async Task GarbageInTheStreamIsSkippedAndTheCallGoesOn()
    {
        var (sid, token) = await NewCallAsync();
        var received = await ListenAsync(sid, []);
        var lines = Session(sid, token);
        using var socket = await ConnectAsync();

        for (var i = 0; i < lines.Count; i++)
        {
            if (i == 10)
            {
                await SendAsync(socket, "{not json");
                await SendAsync(socket, "{\"event\":\"party\"}");
                await SendAsync(socket, "{\"event\":\"media\",\"sequenceNumber\":\"99999\",\"media\":{\"chunk\":\"1\",\"timestamp\":\"0\",\"payload\":\"@@@\"}}");
                await SendAsync(socket, lines[5]);                      // a replayed, out-of-order frame
            }
            await SendAsync(socket, lines[i]);
        }
        var close = await WaitForCloseAsync(socket);
        await WaitForAsync(() => { lock (received) { return received.Sum(r => r.MuLaw.Length) >= 650 * 160; } });

        Assert.Equal(WebSocketCloseStatus.NormalClosure, close);
        lock (received)
        {
            Assert.Equal(650 * 160, received.Sum(r => r.MuLaw.Length));
        }
    }

    [SharedDataFact]
    public async Task AStreamThatDropsWithoutStopEndsTheCallAsDropped()
    {
        var (sid, token) = await NewCallAsync();
        var socket = await ConnectAsync();
        foreach (var line in Session(sid, token).Take(50))
        {
            await SendAsync(socket, line);
        }

        socket.Abort();
        socket.Dispose();
        var call = Cluster.GetGrain<ICallGrain>(sid);
        await WaitForAsync(() => call.GetSnapshotAsync().GetAwaiter().GetResult()!.Status == CallStatus.Ended);

        Assert.Equal(CallOutcome.Dropped, (await call.GetSnapshotAsync())!.Outcome);
    }

    [SharedDataFact]
    public async Task BothDirectionsAreRecordedAndTheRecordingIsOnTheCall()
    {
        var (sid, token) = await NewCallAsync();
        var lines = Session(sid, token);
        using var socket = await ConnectAsync();
        foreach (var line in lines.Take(12))
        {
            await SendAsync(socket, line);
        }
        await DrainGreetingAsync(socket);
        foreach (var line in lines.Skip(12))
        {
            await SendAsync(socket, line);
        }
        await WaitForCloseAsync(socket);
        var call = Cluster.GetGrain<ICallGrain>(sid);
        await WaitForAsync(() => call.GetSnapshotAsync().GetAwaiter().GetResult()!.RecordingPath is not null);

        var path = (await call.GetSnapshotAsync())!.RecordingPath!;
        var mixed = WavFile.Read(path);
        var callerLeg = WavFile.Read(path.Replace(".wav", "-caller.wav", StringComparison.Ordinal));
        var firstMedia = lines.Select(l => JsonNode.Parse(l)!).First(m => (string?)m["event"] == "media")["media"]!;
        var at = (int)(long.Parse((string)firstMedia["timestamp"]!, CultureInfo.InvariantCulture) * 8);
        var sent = Convert.FromBase64String((string)firstMedia["payload"]!);

        Assert.StartsWith(frontend.RecordingsFolder, path, StringComparison.Ordinal);
        Assert.Equal(mixed.Samples.Length, callerLeg.Samples.Length);
        Assert.True(callerLeg.Duration > TimeSpan.FromSeconds(10));
        Assert.All(Enumerable.Range(0, sent.Length), i => Assert.Equal(Pcm.ToFloat(MuLaw.Decode(sent[i])), callerLeg.Samples[at + i], 0.0001f));
        // The agent's greeting is in the mix and not in the caller's leg.
        var agentEnergy = mixed.Samples.Zip(callerLeg.Samples, (m, c) => Math.Abs(m - c)).Sum();
        Assert.True(agentEnergy > 100, $"agent energy {agentEnergy}");
        await using var database = Npgsql.NpgsqlDataSource.Create(frontend.ConnectionString);
        Assert.Equal(path, await database.ScalarAsync<string>($"SELECT recording_path FROM calls WHERE call_sid = '{sid}'"));
    }

    /// <summary>The agent greets when the stream starts: read its audio up to the greeting's mark.</summary>
    static async Task DrainGreetingAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, limit.Token);
            if ((string?)JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!["event"] == "mark")
            {
                return;
            }
        }
    }

    /// <summary>A media session past its start and the agent's greeting, with the call's audio-out stream to speak on.</summary>
    async Task<(WebSocket Socket, List<string> Lines, IAsyncStream<AgentAudio> AudioOut)> StartedSessionAsync()
    {
        var (sid, token) = await NewCallAsync();
        var received = await ListenAsync(sid, []);
        var lines = Session(sid, token);
        var socket = await ConnectAsync();
        foreach (var line in lines.Take(12))
        {
            await SendAsync(socket, line);
        }
        await WaitForAsync(() => { lock (received) { return received.Count > 0; } });   // the session has started
        await DrainGreetingAsync(socket);
        return (socket, lines, Cluster.GetStreamProvider(StreamNames.AudioProvider).GetStream<AgentAudio>(StreamId.Create(StreamNames.AudioOut, sid)));
    }

    [SharedDataFact]
    public async Task AgentAudioGoesToTwilioAsFramesMarksAndClearsShapedAsDocumented()
    {
        var (socket, lines, audioOut) = await StartedSessionAsync();
        using var disposing = socket;
        var speech = Enumerable.Range(0, 480).Select(i => (byte)i).ToArray();

        await audioOut.OnNextAsync(new AgentSpeech(speech));
        await audioOut.OnNextAsync(new AgentMark("sentence-0"));
        await audioOut.OnNextAsync(new AgentClear());
        var replies = new List<JsonNode>();
        var buffer = new byte[4096];
        while (replies.Count < 5)
        {
            var result = await socket.ReceiveAsync(buffer, new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            replies.Add(JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!);
        }

        Assert.Equal(["media", "media", "media", "mark", "clear"], replies.Select(r => (string)r["event"]!));
        Assert.All(replies, r => Assert.Equal("MZ00000000000000000000000000000001", (string)r["streamSid"]!));
        Assert.Equal(speech, replies.Take(3).SelectMany(r => Convert.FromBase64String((string)r["media"]!["payload"]!)).ToArray());
        Assert.Equal("sentence-0", (string)replies[3]["mark"]!["name"]!);
        foreach (var (reply, fixture) in new[] { (replies[0], "media.json"), (replies[3], "mark.json"), (replies[4], "clear.json") })
        {
            var documented = JsonNode.Parse(File.ReadAllText(SharedData.PathOf("twilio", "media-streams", "to-twilio", fixture)))!;
            Assert.Equal(Shape(documented), Shape(reply));
        }
        await SendAsync(socket, lines[^1]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await WaitForCloseAsync(socket));
    }

    [SharedDataFact]
    public async Task AgentAudioFindsTheCallerAgainAfterTheClusterDropsTheSubscription()
    {
        // While a silo dies, a stream pulling agent that cannot reach the front end removes its subscription from
        // pub/sub for good. The same removal is made here by hand; the session subscribes again and audio goes on.
        var (socket, lines, audioOut) = await StartedSessionAsync();
        using var disposing = socket;
        var dropped = await audioOut.GetAllSubscriptionHandles();
        foreach (var handle in dropped)
        {
            await handle.UnsubscribeAsync();
        }

        // Marks published until one reaches the carrier: those sent before the session subscribes again are lost.
        using var waiting = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var publishing = Task.Run(async () =>
        {
            while (!waiting.IsCancellationRequested)
            {
                await audioOut.OnNextAsync(new AgentMark("after-the-drop"));
                await Task.Delay(250);
            }
        });
        var buffer = new byte[4096];
        var result = await socket.ReceiveAsync(buffer, waiting.Token);
        var heard = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, result.Count))!;
        await waiting.CancelAsync();
        await publishing;

        Assert.Single(dropped);
        Assert.Equal("after-the-drop", (string?)heard["mark"]?["name"]);
        Assert.Single(await audioOut.GetAllSubscriptionHandles());
        await SendAsync(socket, lines[^1]);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await WaitForCloseAsync(socket));
    }

    /// <summary>The property paths of a message, values left out: what "shaped as documented" means.</summary>
    static string Shape(JsonNode node, string path = "") => node switch
    {
        JsonObject o => string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Shape(p.Value!, $"{path}/{p.Key}"))),
        _ => path,
    };
}
