using Npgsql;
using Orleans.Streams;
using VoiceGrains.Contracts;

namespace VoiceGrains.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class AudioStreamTests(PostgresFixture postgres)
{
    const int Frames = 50;       // one second of 20 ms frames
    const int FrameBytes = 160;  // 8 kHz μ-law

    [Fact]
    public async Task AudioFramesPublishedInBatchesArriveInOrderThroughTheSilosStreams()
    {
        var database = await postgres.CreateDatabaseAsync();
        var clusterId = "streams-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Start(database, clusterId);
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        await using var client = await ClusterClient.ConnectAsync(database, clusterId);
        var stream = client.Cluster.GetStreamProvider(StreamNames.AudioProvider)
            .GetStream<byte[]>(StreamId.Create(StreamNames.AudioIn, "CA-stream"));
        var received = new List<byte>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await stream.SubscribeAsync((frame, _) =>
        {
            received.Add(frame[0]);
            if (received.Count == Frames)
            {
                all.TrySetResult();
            }
            return Task.CompletedTask;
        });

        for (var batch = 0; batch < Frames / 10; batch++)
        {
            await stream.OnNextBatchAsync(Enumerable.Range(batch * 10, 10).Select(i => Enumerable.Repeat((byte)i, FrameBytes).ToArray()).ToList());
        }
        await all.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(Enumerable.Range(0, Frames).Select(i => (byte)i), received);
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.True(await dataSource.ScalarAsync<long>("SELECT count(*) FROM orleans_grain_state WHERE grain_type <> 'call'") > 0,
            "the stream's subscription should be kept in the ADO.NET PubSubStore");
    }
}
