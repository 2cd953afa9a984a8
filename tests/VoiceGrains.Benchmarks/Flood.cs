using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// What a stranger sends the carrier surface: unsigned webhooks, webhooks with a forged signature and a body of
/// megabytes (declared, and streamed without a length), and media WebSockets opened and held without a start. Each kind
/// comes from its own loopback addresses (127.0.1.x webhooks, 127.0.2.x sockets; Linux routes all of 127/8 to
/// loopback), as a stranger's would: the real call comes from 127.0.0.1, as Twilio's would.
/// </summary>
sealed class Flood(Uri server, int webhooksPerSecond, int sockets) : IDisposable
{
    const int WebhookAddresses = 50;
    const int SocketsPerAddress = 10;
    static readonly byte[] Small = "CallSid=CA00000000000000000000000000000001&From=%2B15550100019&To=%2B15550100000"u8.ToArray();
    static readonly byte[] Huge = new byte[2 * 1024 * 1024];

    readonly ConcurrentDictionary<string, long> outcomes = new();
    readonly List<HttpMessageInvoker> clients = [];
    long socketsOpened;

    public async Task RunAsync(CancellationToken stop)
    {
        running.Start();
        var webhookClients = Enumerable.Range(1, WebhookAddresses).Select(i => Client(IPAddress.Parse($"127.0.1.{i}"), TimeSpan.FromSeconds(10))).ToList();
        var socketClients = Enumerable.Range(0, (sockets + SocketsPerAddress - 1) / SocketsPerAddress)
            .Select(i => Client(IPAddress.Parse($"127.0.2.{i + 1}"), Timeout.InfiniteTimeSpan)).ToList();
        var holders = Enumerable.Range(0, sockets).Select(i => HoldSocketAsync(socketClients[i / SocketsPerAddress], stop)).ToList();
        await SendWebhooksAsync(webhookClients, stop);
        await Task.WhenAll(holders);
    }

    readonly System.Diagnostics.Stopwatch running = new();

    public string Describe() =>
        $"over {running.Elapsed.TotalSeconds:0} s: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value:N0}"))}; " +
        $"webhooks sent {outcomes.Where(o => !o.Key.StartsWith("socket", StringComparison.Ordinal)).Sum(o => o.Value) / Math.Max(1, running.Elapsed.TotalSeconds):0}/s; media sockets opened {socketsOpened:N0}";

    HttpMessageInvoker Client(IPAddress from, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            MaxConnectionsPerServer = 64,
        };
        var client = new HttpClient(handler) { Timeout = timeout };
        clients.Add(client);
        return client;
    }

    /// <summary>At the given rate: 90 % unsigned forms, 5 % forged with a declared 2 MB body, 5 % forged streaming 2 MB.</summary>
    async Task SendWebhooksAsync(List<HttpMessageInvoker> from, CancellationToken stop)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        using var inFlight = new SemaphoreSlim(256);
        var sent = 0L;
        var perTick = Math.Max(1, webhooksPerSecond / 50);
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                for (var i = 0; i < perTick && inFlight.Wait(0, CancellationToken.None); i++)
                {
                    var n = sent++;
                    _ = SendOneAsync((HttpClient)from[(int)(n % from.Count)], (n % 20) switch { 0 => Kind.Declared, 1 => Kind.Streamed, _ => Kind.Unsigned })
                        .ContinueWith(_ => inFlight.Release(), TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    enum Kind { Unsigned, Declared, Streamed }

    async Task SendOneAsync(HttpClient client, Kind kind)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/twilio/voice"));
        HttpContent body = kind switch
        {
            Kind.Unsigned => new ByteArrayContent(Small),
            Kind.Declared => new ByteArrayContent(Huge),
            _ => new StreamContent(new MemoryStream(Huge)),
        };
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        if (kind == Kind.Streamed)
        {
            request.Headers.TransferEncodingChunked = true;
        }
        request.Content = body;
        if (kind != Kind.Unsigned)
        {
            request.Headers.Add("X-Twilio-Signature", "forged");
        }
        try
        {
            using var response = await client.SendAsync(request);
            outcomes.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            outcomes.AddOrUpdate($"{kind} cut off", 1, (_, n) => n + 1);
        }
    }

    /// <summary>Opens a media socket, never starts it, and opens another when the front end closes it.</summary>
    async Task HoldSocketAsync(HttpMessageInvoker from, CancellationToken stop)
    {
        var address = new UriBuilder(new Uri(server, "/twilio/media")) { Scheme = "ws" }.Uri;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(address, from, stop);
                Interlocked.Increment(ref socketsOpened);
                var buffer = new byte[256];
                while ((await socket.ReceiveAsync(buffer, stop)).MessageType != WebSocketMessageType.Close)
                {
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
            {
                if (!stop.IsCancellationRequested)
                {
                    outcomes.AddOrUpdate("socket refused or closed", 1, (_, n) => n + 1);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}
