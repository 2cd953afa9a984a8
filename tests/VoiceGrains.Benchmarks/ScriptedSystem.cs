using Npgsql;
using VoiceGrains.Simulator;
using VoiceGrains.Testing;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// Set-up B of BENCHMARKS.md: one scripted silo (the production silo with the test-only scripted recognizer in place of
/// Whisper, running Whisper's weightless stub on every utterance unless told not to), the front end and the console (where the caller simulator reads each call's record) as plain processes on
/// a throwaway PostgreSQL, phoned by the product's own <c>voicegrains call</c> with the example script. Scaled out, it
/// has more silos and front ends, the front ends behind a YARP load balancer (<see cref="LoadBalancer"/>) that callers
/// phone instead.
/// </summary>
sealed class ScriptedSystem : IAsyncDisposable
{
    public static readonly string Script = Path.Combine(RepositoryPaths.Root, "examples", "calls", "order-and-booking.txt");

    PostgresServer server = null!;
    readonly List<SiloProcess> silos = [];
    readonly List<HostProcess> frontends = [];
    LoadBalancer? balancer;
    NpgsqlDataSource stored = null!;

    HostProcess console = null!;
    TestOperator viewer = null!;

    /// <summary>The (first) front end.</summary>
    public HostProcess Frontend => frontends[0];

    /// <summary>
    /// The system's processes by role ("silo", "front end", "console"; the second silo of a scaled-out system is
    /// "silo 2"), for a benchmark that measures what each costs.
    /// </summary>
    public IReadOnlyDictionary<string, int> ProcessIds =>
        silos.Select((s, i) => (Role: Numbered("silo", i), Id: s.Host.Id))
            .Concat(frontends.Select((f, i) => (Role: Numbered("front end", i), Id: f.Id)))
            .Append((Role: "console", Id: console.Id))
            .ToDictionary(p => p.Role, p => p.Id);

    static string Numbered(string role, int index) => index == 0 ? role : $"{role} {index + 1}";

    /// <summary>The system's database and cluster, for a benchmark's own cluster client.</summary>
    public string ConnectionString { get; private set; } = "";

    public string ClusterId { get; private set; } = "";

    public Uri Address { get; private set; } = null!;

    /// <summary>The operators' console, where a supervisor listens in.</summary>
    public Uri ConsoleAddress { get; private set; } = null!;

    /// <param name="recognitionCost">Whether the scripted recognizer pays Whisper's real compute (the stub) on each utterance.</param>
    /// <param name="siloCount">Silo processes in the cluster.</param>
    /// <param name="frontEndCount">Front end processes; more than one are reached through a load balancer.</param>
    public static async Task<ScriptedSystem> StartAsync(bool recognitionCost = true, int siloCount = 1, int frontEndCount = 1)
    {
        var system = new ScriptedSystem { server = await PostgresServer.StartAsync() };
        var database = await system.server.CreateDatabaseAsync();
        system.stored = NpgsqlDataSource.Create(database);
        var clusterId = system.ClusterId = $"bench-{Guid.NewGuid():N}"[..14];
        system.ConnectionString = database;
        for (var i = 0; i < siloCount; i++)
        {
            // One at a time: the first migrates and seeds the database.
            var silo = SiloProcess.Start(database, clusterId, new Dictionary<string, string?>
                {
                    ["ScriptedRecognizer__Script"] = Script,
                    ["ScriptedRecognizer__RunWhisperStub"] = recognitionCost ? "true" : "false",
                },
                project: "VoiceGrains.ScriptedSilo");
            system.silos.Add(silo);
            await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120));
        }
        if (frontEndCount > 1)
        {
            system.balancer = await LoadBalancer.StartAsync();
        }
        var addresses = new List<Uri>();
        for (var i = 0; i < frontEndCount; i++)
        {
            var (frontend, address) = WebProcess.Start(WebProcess.Frontend, database, clusterId, new Dictionary<string, string?>
            {
                ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
                // Signatures cover the address callers phone: the balancer's, when there is one.
                ["Twilio__PublicBaseUrl"] = system.balancer?.Address.ToString() ?? "{base}",
            });
            system.frontends.Add(frontend);
            addresses.Add(address);
            await Health.WaitUntilHealthyAsync(frontend, address.Port, TimeSpan.FromSeconds(120));
        }
        system.balancer?.Route(addresses);
        system.Address = system.balancer?.Address ?? addresses[0];
        (system.console, system.ConsoleAddress) = WebProcess.Start(WebProcess.Console, database, clusterId);
        await Health.WaitUntilHealthyAsync(system.console, system.ConsoleAddress.Port, TimeSpan.FromSeconds(120));
        system.viewer = await TestOperator.AddAsync(database, VoiceGrains.Operators.OperatorRoles.Viewer);
        return system;
    }

    /// <summary><c>voicegrains call --concurrency N</c> with the example script; prints its summary line and returns it.</summary>
    public async Task<string> CallAsync(int calls, string label)
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
        return string.Join(" / ", summary);
    }

    /// <summary>The minutes the calls that started since a moment lasted, as the server stored them.</summary>
    public async Task<double> CallMinutesAsync(DateTimeOffset since)
    {
        await using var query = stored.CreateCommand(
            "SELECT coalesce(sum(extract(epoch FROM ended_at - started_at)), 0)::float8 / 60 FROM calls WHERE started_at >= $1 AND ended_at IS NOT NULL");
        query.Parameters.AddWithValue(since);
        return (double)(await query.ExecuteScalarAsync())!;
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
        foreach (var frontend in frontends)
        {
            await frontend.DisposeAsync();
        }
        if (balancer is not null)
        {
            await balancer.DisposeAsync();
        }
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
        await stored.DisposeAsync();
        await server.DisposeAsync();
    }
}
