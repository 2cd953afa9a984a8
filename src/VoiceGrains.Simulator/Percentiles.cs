namespace VoiceGrains.Simulator;

/// <summary>Latency figures are reported as percentiles (BENCHMARKS.md), never as means.</summary>
public static class Percentiles
{
    /// <summary>The nearest-rank percentile.</summary>
    public static double Of(IReadOnlyCollection<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
