using VoiceGrains.Simulator;
using System.Diagnostics;
using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Testing;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// Barge-in reaction inside the cluster: a silo process speaks a long sentence for a call; the moment its speech
/// reaches the front end's side of the audio-out stream, the call is told the caller started speaking, and the
/// clock runs until the carrier's "clear" arrives on the same stream. That is the path from the recognizer's
/// speech-start report to the front end sending <c>clear</c>; the voice activity detector's own delay in noticing
/// speech comes on top (see the VAD rows).
/// </summary>
static class BargeInBenchmark
{
    public static async Task RunAsync(int runs)
    {
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync();
        var clusterId = $"bargein-{Guid.NewGuid():N}"[..16];
        await using var silo = SiloProcess.Start(database, clusterId);
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        await using var client = await ClusterClient.ConnectAsync(database, clusterId);

        var reactions = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var reaction = await MeasureOnceAsync(client, $"CA-bargein-{run}");
            if (run > 0)
            {
                reactions.Add(reaction);
            }
        }
        Console.WriteLine($"| barge-in: speech start reported → clear at the front end ({runs} runs, after one warm-up) | " +
                          $"{Percentiles.Of(reactions, 50):0.0} | {Percentiles.Of(reactions, 95):0.0} | {reactions.Max():0.0} |");
    }

    static async Task<double> MeasureOnceAsync(ClusterClient client, string sid)
    {
        var spoke = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cleared = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = await client.Cluster.GetStreamProvider(StreamNames.AudioProvider)
            .GetStream<AgentAudio>(StreamId.Create(StreamNames.AudioOut, sid))
            .SubscribeAsync((audio, _) =>
            {
                if (audio is AgentSpeech)
                {
                    spoke.TrySetResult();
                }
                else if (audio is AgentClear)
                {
                    cleared.TrySetResult(Stopwatch.GetTimestamp());
                }
                return Task.CompletedTask;
            });

        var call = client.Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550199990", "+15550100000"));
        var hearing = client.Grains.GetGrain<ICallHearingGrain>(sid);
        await hearing.HearAsync(new NewTurn(Speaker.Caller, "What are your opening hours this week?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        await spoke.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var started = Stopwatch.GetTimestamp();
        await hearing.CallerStartedSpeakingAsync();
        var clearedAt = await cleared.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await handle.UnsubscribeAsync();
        await call.EndAsync(CallOutcome.Completed);
        return Stopwatch.GetElapsedTime(started, clearedAt).TotalMilliseconds;
    }
}
