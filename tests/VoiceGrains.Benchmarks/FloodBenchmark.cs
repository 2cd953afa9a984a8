namespace VoiceGrains.Benchmarks;

/// <summary>
/// A real call's latency with and without a <see cref="Flood"/> on <see cref="ScriptedSystem"/>: a warm-up call,
/// <paramref name="rounds"/> calls in quiet, then the same while the flood runs; voice-to-voice as the server stored it,
/// the flood's answers, and the front end's memory (resident set) before and after.
/// </summary>
static class FloodBenchmark
{
    public static async Task RunAsync(int rounds, int webhooksPerSecond, int sockets)
    {
        await using var system = await ScriptedSystem.StartAsync();
        await system.CallAsync(1, "warm-up");

        var quiet = await CallsAsync(system, rounds, "quiet");
        var memoryBefore = ResidentMegabytes(system.Frontend.Id);
        using var flood = new Flood(system.Address, webhooksPerSecond, sockets);
        using var stop = new CancellationTokenSource();
        var flooding = Task.Run(() => flood.RunAsync(stop.Token), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(10));                 // every socket open, the limits reached
        var flooded = await CallsAsync(system, rounds, "flooded");
        var memoryDuring = ResidentMegabytes(system.Frontend.Id);
        await stop.CancelAsync();
        await flooding;

        var ratio = Simulator.Percentiles.Of(flooded, 50) / Simulator.Percentiles.Of(quiet, 50);
        Console.WriteLine($"flood ({webhooksPerSecond}/s webhooks, {sockets} media sockets held): {flood.Describe()}");
        Console.WriteLine($"voice-to-voice quiet {ScriptedSystem.Describe(quiet)}; flooded {ScriptedSystem.Describe(flooded)}; p50 ratio {ratio:0.00}");
        var refusalWarnings = system.Frontend.Output.Split('\n').Count(l => l.Contains("Twilio webhook request(s) since the last", StringComparison.Ordinal));
        Console.WriteLine($"refusal warnings in the front end's log: {refusalWarnings}");
        Console.WriteLine($"front end resident memory: {memoryBefore:0} MB before the flood, {memoryDuring:0} MB during it");
    }

    static async Task<List<double>> CallsAsync(ScriptedSystem system, int rounds, string label)
    {
        var started = DateTimeOffset.UtcNow;
        for (var round = 1; round <= rounds; round++)
        {
            await system.CallAsync(1, $"{label} {round}");
        }
        return (await system.StoredLatenciesAsync(started)).VoiceToVoice;
    }

    static double ResidentMegabytes(int processId) =>
        File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kilobytes ? double.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) / 1024 : 0;
}
