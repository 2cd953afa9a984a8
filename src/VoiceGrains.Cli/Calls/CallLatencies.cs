using VoiceGrains.Simulator;

namespace VoiceGrains.Cli.Calls;

/// <summary>Voice-to-voice and barge-in percentiles over every turn of a set of simulated calls.</summary>
sealed class CallLatencies(IReadOnlyList<CallReport> calls)
{
    public LatencySummary? VoiceToVoice { get; } = LatencySummary.Of(calls.SelectMany(c => c.Turns).Select(t => t.VoiceToVoiceMs));

    public LatencySummary? BargeInClear { get; } = LatencySummary.Of(calls.SelectMany(c => c.Turns).Where(t => t.BargeIn).Select(t => t.BargeInClearMs));

    public override string ToString() =>
        $"{calls.Count} call(s): voice-to-voice {VoiceToVoice?.ToString() ?? "none measured"}" +
        (BargeInClear is { } clear ? $"; barge-in voice start to clear {clear}" : "");
}

/// <summary>p50/p95/max of the turns that were measured, and how many were missing.</summary>
sealed record LatencySummary(int Count, int Missing, double P50, double P95, double Max)
{
    public static LatencySummary? Of(IEnumerable<double?> values)
    {
        var all = values.ToList();
        var measured = all.OfType<double>().ToList();
        return measured.Count == 0 ? null
            : new LatencySummary(measured.Count, all.Count - measured.Count, Percentiles.Of(measured, 50), Percentiles.Of(measured, 95), measured.Max());
    }

    public override string ToString() =>
        $"p50 {P50:0} ms, p95 {P95:0} ms, max {Max:0} ms over {Count} turn(s){(Missing > 0 ? $", {Missing} without" : "")}";
}
