using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Simulator;
using VoiceGrains.Testing;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// How far behind a call the console's live view is: N simulated calls at once on <see cref="ScriptedSystem"/>, and a
/// cluster client subscribed to the calls-live stream exactly as the console's LiveCalls is; for every update, the time
/// from the grain publishing it (<see cref="LiveCall.At"/>) to the subscriber receiving it. The page's own SignalR
/// render is not included (it follows at once, on the same machine).
/// </summary>
static class LiveViewBenchmark
{
    public static async Task RunAsync(int calls)
    {
        await using var system = await ScriptedSystem.StartAsync();
        await using var client = await ClusterClient.ConnectAsync(system.ConnectionString, system.ClusterId);
        var delays = new List<double>();
        await client.Cluster.GetStreamProvider(StreamNames.LiveProvider)
            .GetStream<LiveCall>(StreamId.Create(StreamNames.LiveCalls, StreamNames.AllCalls))
            .SubscribeAsync((call, _) =>
            {
                lock (delays)
                {
                    delays.Add((DateTimeOffset.UtcNow - call.At).TotalMilliseconds);
                }
                return Task.CompletedTask;
            });
        await system.CallAsync(1, "warm-up");
        lock (delays)
        {
            delays.Clear();
        }
        await system.CallAsync(calls, $"{calls} calls at once");
        lock (delays)
        {
            Console.WriteLine($"live view behind the grain: p50 {Percentiles.Of(delays, 50):0} ms, p95 {Percentiles.Of(delays, 95):0} ms, " +
                              $"max {delays.Max():0} ms over {delays.Count} updates");
        }
    }
}
