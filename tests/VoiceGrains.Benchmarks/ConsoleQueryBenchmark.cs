using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VoiceGrains.Data.Analytics;
using VoiceGrains.Data.Calls;
using VoiceGrains.Data.Migrations;
using VoiceGrains.Simulator;
using VoiceGrains.Testing;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// The console's queries against a generated history (voicegrains db seed --history N): each analytics figure over
/// the last 180 days and the calls list (first page, a filtered page, a page deep in the history). Each query runs
/// once to warm the cache, then <c>runs</c> times; the median and the slowest are printed.
/// </summary>
static class ConsoleQueryBenchmark
{
    public static async Task RunAsync(int calls, int runs)
    {
        await using var server = await PostgresServer.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await new DemoSeeder(dataSource).SeedAsync(CancellationToken.None);
        var seeding = Stopwatch.StartNew();
        await new HistorySeeder(dataSource).SeedAsync(calls, 180, CancellationToken.None);
        // As autovacuum leaves a database in service: statistics current, and the visibility map set (index-only scans).
        await using (var analyze = dataSource.CreateCommand("VACUUM ANALYZE"))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"{calls:N0} calls seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        var analytics = new AnalyticsRepository(dataSource);
        var list = new CallRepository(dataSource);
        var now = DateTimeOffset.UtcNow;
        var range = new AnalyticsRange(now.AddDays(-180), now);
        var deep = (await list.ListAsync(new CallFilter(), 1, now.AddDays(-150), CancellationToken.None))[0].StartedAt;
        var queries = new (string Name, Func<Task> Run)[]
        {
            ("analytics: daily figures (calls, AHT, containment, transfers, sentiment, CSAT)", () => analytics.DailyAsync(range, CancellationToken.None)),
            ("analytics: daily voice-to-voice p50/p95", () => analytics.DailyLatencyAsync(range, CancellationToken.None)),
            ("analytics: calls per hour", () => analytics.HoursAsync(range, CancellationToken.None)),
            ("analytics: outcomes", () => analytics.OutcomesAsync(range, CancellationToken.None)),
            ("analytics: CSAT distribution", () => analytics.CsatAsync(range, CancellationToken.None)),
            ("analytics: top intents", () => analytics.TopIntentsAsync(range, 10, CancellationToken.None)),
            ("analytics: function success", () => analytics.FunctionsAsync(range, CancellationToken.None)),
            ("calls list: first page (50)", () => list.ListAsync(new CallFilter(), 50, null, CancellationToken.None)),
            ("calls list: outcome busy, 30 days", () => list.ListAsync(new CallFilter { Outcome = "busy", From = now.AddDays(-30) }, 50, null, CancellationToken.None)),
            ("calls list: intent cancel_order", () => list.ListAsync(new CallFilter { Intent = "cancel_order" }, 50, null, CancellationToken.None)),
            ("calls list: a page 150 days back", () => list.ListAsync(new CallFilter(), 50, deep, CancellationToken.None)),
        };

        Console.WriteLine("| query | median ms | slowest ms |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, run) in queries)
        {
            await run();
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                await run();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"| {name} | {Percentiles.Of(times, 50):0.0} | {times.Max():0.0} |");
        }
    }
}
