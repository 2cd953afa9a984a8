using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Streams;
using VoiceGrains.Console.Live;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Console.Tests;

/// <summary>A supervisor hears a call in progress over the console's WebSocket; nobody else can.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ListenInTests(ConsoleFixture console)
{
    IGrainFactory Grains => console.Factory.Services.GetRequiredService<IGrainFactory>();

    Uri ListenUri(string sid) => new UriBuilder(new Uri(console.Address, $"/api/calls/{sid}/listen")) { Scheme = "ws" }.Uri;

    async Task<string> StartCallAsync()
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        await Grains.GetGrain<ICallGrain>(sid).StartAsync(new CallStart(CallDirection.Inbound, "+15550100012", "+15550100000"));
        return sid;
    }

    async Task<ClientWebSocket> ConnectAsync(string sid, TestOperator op, string? origin = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {op.ApiToken}");
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        try
        {
            await socket.ConnectAsync(ListenUri(sid), CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Refused: the status is on the socket.
        }
        return socket;
    }

    [Fact]
    public async Task ASupervisorHearsTheCallerAndTheAgentUntilTheCallEndsAndItIsAudited()
    {
        var sid = await StartCallAsync();
        using var socket = await ConnectAsync(sid, console.Supervisor);
        Assert.Equal(WebSocketState.Open, socket.State);
        var callerStream = console.Factory.Services.GetRequiredService<IClusterClient>().GetStreamProvider(StreamNames.AudioProvider)
            .GetStream<CallerAudio>(StreamId.Create(StreamNames.AudioIn, sid));

        await Grains.GetGrain<ICallGrain>(sid).GreetAsync();
        await callerStream.OnNextAsync(new CallerAudio(1, new byte[160]));
        var kinds = new HashSet<byte>();
        var agentBytes = 0;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var buffer = new byte[4096];
        while (!(kinds.Contains(CallAudioTap.CallerSpeech) && agentBytes >= 8000))
        {
            var received = await socket.ReceiveAsync(buffer, patience.Token);
            kinds.Add(buffer[0]);
            agentBytes += buffer[0] == CallAudioTap.AgentSpeech ? received.Count - 1 : 0;
        }
        await Grains.GetGrain<ICallGrain>(sid).EndAsync(CallOutcome.Completed);
        while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, patience.Token)).MessageType != WebSocketMessageType.Close)
        {
            kinds.Add(buffer[0]);
        }

        Assert.Contains(CallAudioTap.CallEnded, kinds);
        await using var dataSource = NpgsqlDataSource.Create(console.ConnectionString);
        await using var audit = dataSource.CreateCommand("SELECT count(*) FROM audit_log WHERE action = 'listen_in' AND call_sid = $1");
        audit.Parameters.AddWithValue(sid);
        Assert.Equal(1L, (long)(await audit.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task AViewerAnotherSitesPageAndAFinishedCallAreRefused()
    {
        var sid = await StartCallAsync();
        var ended = await StartCallAsync();
        await Grains.GetGrain<ICallGrain>(ended).EndAsync(CallOutcome.Completed);

        using var viewer = await ConnectAsync(sid, console.Viewer);
        using var crossSite = await ConnectAsync(sid, console.Supervisor, origin: "https://elsewhere.example");
        using var finished = await ConnectAsync(ended, console.Supervisor);
        using var unknown = await ConnectAsync("CA" + Guid.NewGuid().ToString("N"), console.Supervisor);

        Assert.Equal(HttpStatusCode.Forbidden, viewer.HttpStatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.HttpStatusCode);
        Assert.Equal(HttpStatusCode.Conflict, finished.HttpStatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.HttpStatusCode);
    }
}
