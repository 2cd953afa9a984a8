using System.Diagnostics;
using Npgsql;
using VoiceGrains.Contracts.Calls;
using Xunit.Abstractions;

namespace VoiceGrains.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SiloRestartTests(PostgresFixture postgres, ITestOutputHelper output)
{
    static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ACallsPersistedStateSurvivesAFullRestartOfTheSiloProcess()
    {
        var database = await postgres.CreateDatabaseAsync();
        var clusterId = "restart-" + Guid.NewGuid().ToString("N")[..8];

        var started = Stopwatch.StartNew();
        CallSnapshot before;
        await using (var silo = SiloProcess.Start(database, clusterId))
        {
            await silo.WaitUntilHealthyAsync(StartTimeout);
            output.WriteLine($"First silo start (empty database: migrate + seed + join): {started.ElapsedMilliseconds} ms");

            await using var client = await ClusterClient.ConnectAsync(database, clusterId);
            var call = client.Grains.GetGrain<ICallGrain>("CA-restart");
            await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100007", "+15550100000"));
            await call.GreetAsync();
            await client.Grains.GetGrain<ICallHearingGrain>("CA-restart").HearAsync(new NewTurn(Speaker.Caller, "Hi, where is order 10007?", DateTimeOffset.UtcNow));
            for (var i = 0; i < 100 && (await call.GetSnapshotAsync())!.Turns.Count < 3; i++)
            {
                await Task.Delay(100);
            }
            before = (await call.GetSnapshotAsync())!;
            await silo.Host.StopAsync(TimeSpan.FromSeconds(30));
        }

        started.Restart();
        await using var restarted = SiloProcess.Start(database, clusterId);
        await restarted.WaitUntilHealthyAsync(StartTimeout);
        output.WriteLine($"Second silo start (migrated database): {started.ElapsedMilliseconds} ms");
        await using var newClient = await ClusterClient.ConnectAsync(database, clusterId);

        var snapshot = await newClient.Grains.GetGrain<ICallGrain>("CA-restart").GetSnapshotAsync();

        Assert.NotNull(snapshot);
        Assert.StartsWith(restarted.IdentityPrefix, snapshot.Host, StringComparison.Ordinal);
        Assert.Equal(before.Status, snapshot.Status);
        Assert.Equal(3, before.Turns.Count);
        Assert.Equal(before.Turns.Select(t => t.Text), snapshot.Turns.Select(t => t.Text));
        Assert.Equal([0, 1, 2], snapshot.Turns.Select(t => t.Seq));
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Equal(snapshot.CustomerId, await dataSource.ScalarAsync<long>("SELECT id FROM customers WHERE phone = '+15550100007'"));
        Assert.Equal(3L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM call_turns WHERE call_sid = 'CA-restart'"));
        Assert.Equal("CA-restart", await dataSource.ScalarAsync<string>("SELECT call_sid FROM active_calls"));
    }
}
