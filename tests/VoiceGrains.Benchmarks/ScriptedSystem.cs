using Npgsql;
using VoiceGrains.Simulator;
using VoiceGrains.Testing;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// Set-up B of BENCHMARKS.md: one scripted silo (the production silo with the test-only scripted recognizer in place of
/// Whisper, running Whisper's weightless stub on every utterance unless told not to), the front end and the console (where the caller simulator reads each call's record) as plain processes on
/// a throwaway PostgreSQL, phoned by the product's own <c>voicegrains call</c> with the example script.
/// </summary>
sealed class ScriptedSystem : IAsyncDisposable
{
    public static readonly string Script = Path.Combine(RepositoryPaths.Root, "examples", "calls", "order-and-booking.txt");

    PostgresServer server = null!;
    SiloProcess silo = null!;
    NpgsqlDataSource stored = null!;

    HostProcess console = null!;
    TestOperator viewer = null!;

    public HostProcess Frontend { get; private set; } = null!;

    /// <summary>The system's database and cluster, for a benchmark's own cluster client.</summary>
    public string ConnectionString { get; private set; } = "";

    public string ClusterId { get; private set; } = "";

    public Uri Address { get; private set; } = null!;

    /// <summary>The operators' console, where a supervisor listens in.</summary>
    public Uri ConsoleAddress { get; private set; } = null!;

    /// <param name="recognitionCost">Whether the scripted recognizer pays Whisper's real compute (the stub) on each utterance.</param>
    public static async Task<ScriptedSystem> StartAsync(bool recognitionCost = true)
    {
        var system = new ScriptedSystem { server = await PostgresServer.StartAsync() };
        var database = await system.server.CreateDatabaseAsync();
        system.stored = NpgsqlDataSource.Create(database);
        var clusterId = system.ClusterId = $"bench-{Guid.NewGuid():N}"[..14];
        system.ConnectionString = database;
        system.silo = SiloProcess.Start(database, clusterId, new Dictionary<string, string?>
            {
                ["ScriptedRecognizer__Script"] = Script,
                ["ScriptedRecognizer__RunWhisperStub"] = recognitionCost ? "true" : "false",
            },
            project: "VoiceGrains.ScriptedSilo");
        await system.silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        (system.Frontend, system.Address) = WebProcess.Start(WebProcess.Frontend, database, clusterId, new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
            ["Twilio__PublicBaseUrl"] = "{base}",
        });
        await Health.WaitUntilHealthyAsync(system.Frontend, system.Address.Port, TimeSpan.FromSeconds(120));
        (system.console, system.ConsoleAddress) = WebProcess.Start(WebProcess.Console, database, clusterId);
        await Health.WaitUntilHealthyAsync(system.console, system.ConsoleAddress.Port, TimeSpan.FromSeconds(120));
        system.viewer = await TestOperator.AddAsync(database, VoiceGrains.Operators.OperatorRoles.Viewer);
        return system;
    }

    /// <summary><c>voicegrains call --concurrency N</c> with the example script; prints its summary line.</summary>
    public async Task CallAsync(int calls, string label)
    {
        var (exitCode, output) = await VoiceGrainsCommand.RunAsync(
            new Dictionary<string, string?> { ["TWILIO_AUTH_TOKEN"] = TwilioRestServer.AuthToken, ["VOICEGRAINS_API_TOKEN"] = viewer.ApiToken },
            TimeSpan.FromMinutes(5),
            "call", "--script", Script, "--url", Address.ToString(), "--console", ConsoleAddress.ToString(), "--concurrency", calls.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var summary = output.Split('\n').Where(line => line.Contains("p50", StringComparison.Ordinal) || line.Contains("failed", StringComparison.OrdinalIgnoreCase));
        Console.WriteLine($"{label} ({calls} call(s), exit {exitCode}): {string.Join(" / ", summary)}");
        if (exitCode != 0)
        {
            Console.WriteLine(output);
        }
    }

    /// <summary>Each answer's first audio after the end of the caller's voice, as the server stored it, since a moment.</summary>
    public async Task<(List<double> VoiceToVoice, List<double> Synthesis)> StoredLatenciesAsync(DateTimeOffset since)
    {
        await using var query = stored.CreateCommand(
            "SELECT voice_to_voice_ms, tts_first_audio_ms FROM call_turns WHERE voice_to_voice_ms IS NOT NULL AND ended_at >= $1");
        query.Parameters.AddWithValue(since);
        var voiceToVoice = new List<double>();
        var synthesis = new List<double>();
        await using var rows = await query.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            voiceToVoice.Add(rows.GetInt32(0));
            synthesis.Add(rows.GetInt32(1));
        }
        return (voiceToVoice, synthesis);
    }

    /// <summary>Each caller turn's recognition (queue and inference), as the recognizer stored it, since a moment.</summary>
    public async Task<List<double>> StoredRecognitionAsync(DateTimeOffset since)
    {
        await using var query = stored.CreateCommand(
            "SELECT stt_ms FROM call_turns WHERE speaker = 'caller' AND stt_ms IS NOT NULL AND started_at >= $1");
        query.Parameters.AddWithValue(since);
        var recognition = new List<double>();
        await using var rows = await query.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            recognition.Add(rows.GetInt32(0));
        }
        return recognition;
    }

    public static string Describe(List<double> values) =>
        $"p50 {Percentiles.Of(values, 50):0} ms, p95 {Percentiles.Of(values, 95):0} ms ({values.Count})";

    public async ValueTask DisposeAsync()
    {
        await console.DisposeAsync();
        await Frontend.DisposeAsync();
        await silo.DisposeAsync();
        await stored.DisposeAsync();
        await server.DisposeAsync();
    }
}
