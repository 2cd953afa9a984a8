using VoiceGrains.Speech.Inference;

namespace VoiceGrains.Speech.Tests;

public sealed class InferencePoolTests
{
    [Fact]
    public async Task PastTheQueueLimitAJobIsRefusedAtOnce()
    {
        using var pool = new InferencePool(concurrency: 1, maxQueue: 1);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = pool.RunAsync("test", _ => release.Task, CancellationToken.None);
        var queued = pool.RunAsync("test", _ => Task.FromResult(2), CancellationToken.None);
        await Assert.ThrowsAsync<InferenceQueueFullException>(() => pool.RunAsync("test", _ => Task.FromResult(3), CancellationToken.None));
        release.SetResult(1);

        Assert.Equal(1, (await running).Value);
        Assert.Equal(2, (await queued).Value);
        Assert.Equal(0, pool.Waiting);
    }

    [Fact]
    public async Task WorkRunsOffTheCallersThread()
    {
        using var pool = new InferencePool(1);
        var caller = Environment.CurrentManagedThreadId;

        var result = await pool.RunAsync("test", _ => Task.FromResult(Environment.CurrentManagedThreadId), CancellationToken.None);

        Assert.NotEqual(caller, result.Value);
    }

    [Fact]
    public void ByDefaultThePoolIsSizedToTheCores()
    {
        using var pool = new InferencePool();
        Assert.Equal(Environment.ProcessorCount, pool.Concurrency);
    }
}
