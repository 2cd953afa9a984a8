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
            await CallAsync(script, address, 1, "warm-up");
            for (var round = 1; round <= rounds; round++)
            {
                await CallAsync(script, address, calls, $"round {round}");
            }
        }
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
