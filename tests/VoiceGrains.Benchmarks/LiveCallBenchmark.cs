namespace VoiceGrains.Benchmarks;

/// <summary>
/// Whole calls on <see cref="ScriptedSystem"/> (set-up B of BENCHMARKS.md), first with recognition's compute in the
/// loop (the scripted recognizer runs Whisper's stub on each utterance), then without it: for each, one warm-up call,
/// then <paramref name="rounds"/> rounds of N calls; each round prints the command's own summary of its latencies and
/// the same round as the server stored it, recognition included.
/// </summary>
static class LiveCallBenchmark
{
    public static async Task RunAsync(int calls, int rounds)
    {
        foreach (var recognitionCost in new[] { true, false })
        {
            Console.WriteLine(recognitionCost ? "With recognition's compute (Whisper stub on every utterance):" : "Without it (the scripted recognizer answers at once):");
            await using var system = await ScriptedSystem.StartAsync(recognitionCost);
            await system.CallAsync(1, "warm-up");
            for (var round = 1; round <= rounds; round++)
            {
                var started = DateTimeOffset.UtcNow;
                await system.CallAsync(calls, $"round {round}");
                var (voiceToVoice, synthesis) = await system.StoredLatenciesAsync(started);
                var recognition = await system.StoredRecognitionAsync(started);
                Console.WriteLine($"  as the server stored it: voice-to-voice {ScriptedSystem.Describe(voiceToVoice)}; recognition {ScriptedSystem.Describe(recognition)}; " +
                                  $"first synthesized audio {ScriptedSystem.Describe(synthesis)}");
            }
        }
    }
}
