using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Silo.Tests;

/// <summary>A call whose media never joins is ended by the silos instead of ringing for ever (issue: hardening).</summary>
[Collection(ClusterCollection.Name)]
public sealed class NeverConnectedCallTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ACallWhoseMediaNeverJoinsIsEndedAsNeverConnectedAndOneThatJoinedOrIsStillRingingOutIsNot()
    {
        var database = await postgres.CreateDatabaseAsync();
        var clusterId = "ringing-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Start(database, clusterId, new Dictionary<string, string?>
        {
            ["Calls__NeverConnectedGrace"] = "00:00:01",
            ["Twilio__MediaTokenLifetime"] = "00:00:01",
        });
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        await using var client = await ClusterClient.ConnectAsync(database, clusterId);
        var ringing = client.Grains.GetGrain<ICallGrain>("CA" + Guid.NewGuid().ToString("N"));
        var connected = client.Grains.GetGrain<ICallGrain>("CA" + Guid.NewGuid().ToString("N"));
        var ringingOut = client.Grains.GetGrain<ICallGrain>("CA" + Guid.NewGuid().ToString("N"));
        foreach (var call in new[] { ringing, connected })
        {
            await call.StartAsync(new CallStart(CallDirection.Inbound, "+15550100031", "+15550100000"));
        }
        await ringingOut.StartAsync(new CallStart(CallDirection.Outbound, "+15550100000", "+15550100032"));
        await ringing.IssueMediaTokenAsync(TimeSpan.FromSeconds(1));
        Assert.True(await connected.RedeemMediaTokenAsync((await connected.IssueMediaTokenAsync(TimeSpan.FromSeconds(1)))!));
        await connected.GreetAsync();

        for (var i = 0; i < 100 && (await ringing.GetSnapshotAsync())!.Status != CallStatus.Ended; i++)
        {
            await Task.Delay(100);
        }

        var ended = (await ringing.GetSnapshotAsync())!;
        Assert.Equal((CallStatus.Ended, CallOutcome.NeverConnected), (ended.Status, ended.Outcome));
        Assert.NotEqual(CallStatus.Ended, (await connected.GetSnapshotAsync())!.Status);
        Assert.Equal(CallStatus.Ringing, (await ringingOut.GetSnapshotAsync())!.Status);   // the callee's phone may still ring
    }
}
