using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VoiceGrains.Speech.Inference;

/// <summary>
/// Where CPU-heavy inference (speech recognition, synthesis) runs: on thread-pool threads via Task.Run, never on
/// the caller's thread (an Orleans activation's scheduler included), at most <see cref="Concurrency"/> jobs at
/// once, sized to the cores by default. Waiting jobs queue; past <see cref="MaxQueue"/> a job is refused at once
/// (<see cref="InferenceQueueFullException"/>) so overload is visible instead of piling up latency.
/// Metrics (meter "VoiceGrains"): queue length, wait time and inference time, by kind of work.
/// </summary>
public sealed class InferencePool : IDisposable
{
    /// <summary>The product's meter name; ServiceDefaults exports it (Extensions.VoiceGrainsTelemetry).</summary>
    public const string MeterName = "VoiceGrains";

    static readonly Meter Meter = new(MeterName);
    static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>("voicegrains.inference.wait", "ms", "Time a job waited for a free inference slot");
    static readonly Histogram<double> RunTime = Meter.CreateHistogram<double>("voicegrains.inference.duration", "ms", "Time a job ran once it had a slot");

    readonly SemaphoreSlim slots;
    readonly ObservableGauge<int> queueGauge;
    int waiting;

    public InferencePool(int? concurrency = null, int maxQueue = 64)
    {
        Concurrency = concurrency ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Concurrency, nameof(concurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueue);
        MaxQueue = maxQueue;
        slots = new SemaphoreSlim(Concurrency, Concurrency);
        queueGauge = Meter.CreateObservableGauge("voicegrains.inference.queue_length", () => Volatile.Read(ref waiting), "{job}", "Jobs waiting for an inference slot");
    }

    public int Concurrency { get; }

    public int MaxQueue { get; }

    /// <summary>Jobs waiting for a slot right now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Runs <paramref name="work"/> when a slot is free; returns its result with the time it queued and ran.</summary>
    public async Task<InferenceResult<T>> RunAsync<T>(string kind, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var queued = Stopwatch.GetTimestamp();
        if (Interlocked.Increment(ref waiting) > MaxQueue && slots.CurrentCount == 0)
        {
            Interlocked.Decrement(ref waiting);
            throw new InferenceQueueFullException(kind, MaxQueue);
        }
        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        var tag = new KeyValuePair<string, object?>("kind", kind);
        var wait = Stopwatch.GetElapsedTime(queued);
        WaitTime.Record(wait.TotalMilliseconds, tag);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var value = await Task.Run(() => work(cancellationToken), cancellationToken);
            var ran = Stopwatch.GetElapsedTime(started);
            RunTime.Record(ran.TotalMilliseconds, tag);
            return new InferenceResult<T>(value, wait, ran);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();
}
