using VoiceGrains.Simulator;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Testing;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// Two silo processes on one PostgreSQL; calls spread over both; the busier silo is SIGKILLed. Measures the
/// silo start times and how long its calls stay unreachable: the silence a caller would hear.
/// </summary>
static class ClusterFailoverBenchmark
{
    static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(int runs, int calls)
    {
        await using var server = await PostgresServer.StartAsync();
        var samples = new Dictionary<string, List<double>>
        {
            ["silo start, empty database (migrate + seed + join)"] = [],
            ["silo start, second silo joining"] = [],
            ["after SIGKILL: first call of the dead silo served again"] = [],
            ["after SIGKILL: all calls of the dead silo served again"] = [],
            ["after SIGKILL: dead silo marked Dead (status 6)"] = [],
        };

        for (var run = 1; run <= runs; run++)
        {
            var figures = await RunOnceAsync(server, calls, $"bench-{run}-{Guid.NewGuid():N}"[..20]);
            foreach (var (name, ms) in figures)
            {
                samples[name].Add(ms);
            }
            Console.WriteLine($"run {run}/{runs}: " + string.Join(", ", figures.Select(f => $"{f.Key.Split(':')[^1].Trim()} {f.Value:0} ms")));
        }

        Console.WriteLine();
        Console.WriteLine($"| measure ({runs} runs, {calls} calls) | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (name, values) in samples)
        {
            Console.WriteLine($"| {name} | {Percentiles.Of(values, 50):0} | {Percentiles.Of(values, 95):0} | {values.Max():0} |");
        }
    }

    static async Task<Dictionary<string, double>> RunOnceAsync(PostgresServer server, int calls, string clusterId)
    {
        var database = await server.CreateDatabaseAsync();
        var clock = Stopwatch.StartNew();
        await using var first = SiloProcess.Start(database, clusterId);
        await first.WaitUntilHealthyAsync(GiveUp);
        var coldStart = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        await using var second = SiloProcess.Start(database, clusterId);
        await second.WaitUntilHealthyAsync(GiveUp);
        var warmStart = clock.Elapsed.TotalMilliseconds;

        await using var client = await ClusterClient.ConnectAsync(database, clusterId);
        var hosts = new Dictionary<string, string>();
        for (var i = 0; i < calls; i++)
        {
            var call = client.Grains.GetGrain<ICallGrain>($"CA-bench-{i}");
            await call.StartAsync(new CallStart(CallDirection.Inbound, $"+1555010{i % 50 + 1:0000}", "+15550100000"));
            await call.GreetAsync();
            hosts[$"CA-bench-{i}"] = (await call.GetSnapshotAsync())!.Host;
        }

        var victim = hosts.Values.Count(h => h.StartsWith(second.IdentityPrefix, StringComparison.Ordinal)) >= calls / 2 ? second : first;
        var orphaned = hosts.Where(h => h.Value.StartsWith(victim.IdentityPrefix, StringComparison.Ordinal)).Select(h => h.Key).ToHashSet();

        victim.Host.Kill();
        clock.Restart();
        double? firstBack = null;
        while (orphaned.Count > 0 && clock.Elapsed < GiveUp)
        {
            foreach (var sid in orphaned.ToList())
            {
                if (await TryReadAsync(client, sid))
                {
                    firstBack ??= clock.Elapsed.TotalMilliseconds;
                    orphaned.Remove(sid);
                }
            }
        }
        var allBack = clock.Elapsed.TotalMilliseconds;

        await using var dataSource = NpgsqlDataSource.Create(database);
        var dead = $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{clusterId}' AND port = {victim.SiloPort.ToString(CultureInfo.InvariantCulture)} AND status = 6";
        while (await dataSource.ScalarAsync<long>(dead) == 0 && clock.Elapsed < GiveUp)
        {
            await Task.Delay(50);
        }
        var declaredDead = clock.Elapsed.TotalMilliseconds;

        return new()
        {
            ["silo start, empty database (migrate + seed + join)"] = coldStart,
            ["silo start, second silo joining"] = warmStart,
            ["after SIGKILL: first call of the dead silo served again"] = firstBack ?? double.NaN,
            ["after SIGKILL: all calls of the dead silo served again"] = allBack,
            ["after SIGKILL: dead silo marked Dead (status 6)"] = declaredDead,
        };
    }

    /// <summary>True once the call answers from a live silo with its turn intact.</summary>
    static async Task<bool> TryReadAsync(ClusterClient client, string sid)
    {
        try
        {
            var snapshot = await client.Grains.GetGrain<ICallGrain>(sid).GetSnapshotAsync().WaitAsync(TimeSpan.FromSeconds(1));
            return snapshot is { Turns.Count: 1 };
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            return false;
        }
    }
}
