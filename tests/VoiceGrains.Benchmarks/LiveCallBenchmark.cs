using VoiceGrains.Testing;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// Whole calls, set-up B of BENCHMARKS.md: one scripted silo (the production silo with the test-only scripted
/// recognizer in place of Whisper) and the front end as plain processes on a throwaway PostgreSQL, phoned by the
/// product's own <c>voicegrains call --concurrency N</c> with the example script. One warm-up call, then
/// <paramref name="rounds"/> rounds of N calls; each round prints the command's own summary of its latencies.
/// </summary>
static class LiveCallBenchmark
{
    public static async Task RunAsync(int calls, int rounds)
    {
        var script = Path.Combine(RepositoryPaths.Root, "examples", "calls", "order-and-booking.txt");
        await using var server = await PostgresServer.StartAsync();
        var database = await server.CreateDatabaseAsync();
        var clusterId = $"livecalls-{Guid.NewGuid():N}"[..18];
        await using var silo = SiloProcess.Start(database, clusterId, new Dictionary<string, string?>
        {
            ["ScriptedRecognizer__Script"] = script,
        }, project: "VoiceGrains.ScriptedSilo");
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        var (frontend, address) = FrontendProcess.Start(database, clusterId, new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
            ["Twilio__PublicBaseUrl"] = "{base}",
        });
        await using (frontend)
        {
            await Health.WaitUntilHealthyAsync(frontend, address.Port, TimeSpan.FromSeconds(120));
            await using var stored = Npgsql.NpgsqlDataSource.Create(database);
            await CallAsync(script, address, 1, "warm-up");
            for (var round = 1; round <= rounds; round++)
            {
                var started = DateTimeOffset.UtcNow;
                await CallAsync(script, address, calls, $"round {round}");
                await PrintServerSideAsync(stored, started);
            }
        }
    }

    /// <summary>The same round as the server stored it: each answer's first audio after the end of the caller's voice.</summary>
    static async Task PrintServerSideAsync(Npgsql.NpgsqlDataSource stored, DateTimeOffset since)
    {
        await using var query = stored.CreateCommand(
            "SELECT voice_to_voice_ms, tts_first_audio_ms FROM call_turns WHERE voice_to_voice_ms IS NOT NULL AND ended_at >= $1");
        query.Parameters.AddWithValue(since);
        var voiceToVoice = new List<double>();
        var synthesis = new List<double>();
        await using (var rows = await query.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                voiceToVoice.Add(rows.GetInt32(0));
                synthesis.Add(rows.GetInt32(1));
            }
        }
        Console.WriteLine($"  as the server stored it ({voiceToVoice.Count} answers): voice-to-voice p50 {Simulator.Percentiles.Of(voiceToVoice, 50):0} ms, " +
            $"p95 {Simulator.Percentiles.Of(voiceToVoice, 95):0} ms; first synthesized audio p50 {Simulator.Percentiles.Of(synthesis, 50):0} ms, p95 {Simulator.Percentiles.Of(synthesis, 95):0} ms");
    }

    static async Task CallAsync(string script, Uri address, int calls, string label)
    {
        var (exitCode, output) = await VoiceGrainsCommand.RunAsync(
            new Dictionary<string, string?> { ["TWILIO_AUTH_TOKEN"] = TwilioRestServer.AuthToken }, TimeSpan.FromMinutes(5),
            "call", "--script", script, "--url", address.ToString(), "--concurrency", calls.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var summary = output.Split('\n').Where(line => line.Contains("p50", StringComparison.Ordinal) || line.Contains("failed", StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"{label} ({calls} call(s), exit {exitCode}): {string.Join(" / ", summary)}");
        if (exitCode != 0)
        {
            Console.WriteLine(output);
        }
    }
}
