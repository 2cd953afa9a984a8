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
    public async Task WorkLeavesTheCallersSchedulerAsAGrainsWould()
    {
        using var pool = new InferencePool(1);
        // A one-at-a-time scheduler, like an Orleans activation's: inference must never run on it.
        var grainLike = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;

        var ranOn = await Task.Factory.StartNew(
            () => pool.RunAsync("test", _ => Task.FromResult(TaskScheduler.Current), CancellationToken.None),
            CancellationToken.None, TaskCreationOptions.None, grainLike).Unwrap();

        Assert.NotSame(grainLike, ranOn.Value);
        Assert.Same(TaskScheduler.Default, ranOn.Value);
    }

    [Fact]
    public void ByDefaultThePoolIsSizedToTheCores()
    {
        using var pool = new InferencePool();
        Assert.Equal(Environment.ProcessorCount, pool.Concurrency);
    }
}
