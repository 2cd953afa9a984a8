namespace VoiceGrains.Benchmarks;

/// <summary>
/// Whole calls on <see cref="ScriptedSystem"/> (set-up B of BENCHMARKS.md): one warm-up call, then
/// <paramref name="rounds"/> rounds of N calls; each round prints the command's own summary of its latencies and the
/// same round as the server stored it.
/// </summary>
static class LiveCallBenchmark
{
    public static async Task RunAsync(int calls, int rounds)
    {
        await using var system = await ScriptedSystem.StartAsync();
        await system.CallAsync(1, "warm-up");
        for (var round = 1; round <= rounds; round++)
        {
            var started = DateTimeOffset.UtcNow;
            await system.CallAsync(calls, $"round {round}");
            var (voiceToVoice, synthesis) = await system.StoredLatenciesAsync(started);
            Console.WriteLine($"  as the server stored it: voice-to-voice {ScriptedSystem.Describe(voiceToVoice)}; first synthesized audio {ScriptedSystem.Describe(synthesis)}");
        }
    }
}
