using Npgsql;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary>
/// The product as it runs, in separate processes: scripted test silos (the production silo with the test-only
/// scripted recognizer standing in for Whisper; VAD, agent, voice and storage real), the front end with Twilio
/// configured against a local stand-in of Twilio's REST API, and the operators' console (whose REST API the tests read
/// and place calls with, as a supervisor's script would), on a real PostgreSQL. Calls are placed by the caller
/// simulator exactly as Twilio places them, and follow the product's updates of a live call as Twilio does. A cluster
/// <see cref="BehindLoadBalancer"/> reaches its front end through a load balancer (<see cref="LoadBalancer"/>, YARP),
/// the public address Twilio is given, so the front end can be replaced as a rolling deploy replaces it; the others
/// phone the front end directly (the balancer's hop in the test's own process, on 2 cores, delayed marks and clears
/// enough to fail timing-sensitive calls: a cough's pause, a refused transfer's apology).
/// </summary>
public class LiveCallCluster : IAsyncLifetime
{
    public const string TransferNumber = "+15550100099";
    public const string BusinessNumber = "+15550100000";

    public static string ExampleScript { get; } = Path.Combine(RepositoryPaths.Root, "examples", "calls", "order-and-booking.txt");

    readonly PostgresFixture postgres = new();
    readonly List<SiloProcess> silos = [];
    readonly string scripts = Directory.CreateTempSubdirectory("voicegrains-scripts-").FullName;
    readonly CallerVoice voice = new(new EspeakEngine("en+f3"));
    HostProcess? frontend;
    Uri frontendAddress = null!;
    HostProcess? console;
    string clusterId = "";

    public string Recordings { get; } = Directory.CreateTempSubdirectory("voicegrains-recordings-").FullName;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The public address (the front end, or the load balancer in front of it): what Twilio and the softphone reach.</summary>
    public Uri FrontEnd => balancer?.Address ?? frontendAddress;

    LoadBalancer? balancer;

    /// <summary>Whether the front end is reached through a load balancer, and can be replaced (<see cref="ReplaceFrontEndAsync"/>).</summary>
    protected virtual bool BehindLoadBalancer => false;

    public TwilioRestServer Twilio { get; private set; } = null!;

    /// <summary>The operators' console.</summary>
    public Uri Console { get; private set; } = null!;

    /// <summary>A supervisor of the console.</summary>
    public TestOperator Supervisor { get; private set; } = null!;

    /// <summary>The console's REST API, as <see cref="Supervisor"/>.</summary>
    public HttpClient Api { get; private set; } = null!;

    public IReadOnlyList<SiloProcess> Silos => silos;

    /// <summary>The PostgreSQL server every process of the product uses (a test may restart it).</summary>
    public PostgresServer Postgres => postgres.Server;

    public HttpClient Http { get; } = new();

    protected virtual int SiloCount => 1;

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        ConnectionString = await postgres.CreateDatabaseAsync();
        Twilio = await TwilioRestServer.StartAsync();
        balancer = BehindLoadBalancer ? await LoadBalancer.StartAsync() : null;
        clusterId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < SiloCount; i++)
        {
            // One at a time: the first migrates and seeds the database.
            await StartSiloAsync();
        }
        (frontend, frontendAddress) = await StartFrontEndAsync();
        balancer?.Route([frontendAddress]);
        (console, Console) = WebProcess.Start(WebProcess.Console, ConnectionString, clusterId, new Dictionary<string, string?>
        {
            // Outbound calls are placed from the console, and Twilio asks the front end's voice webhook once answered.
            ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
            ["Twilio__PublicBaseUrl"] = FrontEnd.ToString(),
            ["Twilio__AccountSid"] = TwilioRestServer.AccountSid,
            ["Twilio__PhoneNumber"] = BusinessNumber,
            ["Twilio__ApiBaseUrl"] = Twilio.BaseUrl.ToString(),
            // The softphone relays a browser's call to the front end's media WebSocket.
            ["Softphone__FrontEndUrl"] = FrontEnd.ToString(),
        });
        await Health.WaitUntilHealthyAsync(console, Console.Port, TimeSpan.FromSeconds(90));
        Supervisor = await TestOperator.AddAsync(ConnectionString, VoiceGrains.Operators.OperatorRoles.Supervisor);
        Api = Supervisor.Client(Console);
    }

    /// <summary>
    /// A rolling deploy of the front end, as Kubernetes does one (frontend.yaml: maxSurge 1, maxUnavailable 0): a new
    /// front end starts, the load balancer sends new requests and streams to it alone, and the old one gets SIGTERM.
    /// Returns how long each step took, and the old front end's exit code.
    /// </summary>
    public async Task<(TimeSpan Joined, TimeSpan Exited, int ExitCode)> ReplaceFrontEndAsync()
    {
        var routes = balancer ?? throw new InvalidOperationException("Only a cluster behind a load balancer can replace its front end.");
        var joining = System.Diagnostics.Stopwatch.StartNew();
        var (next, nextAddress) = await StartFrontEndAsync();
        var joined = joining.Elapsed;
        routes.Route([nextAddress]);
        var leaving = System.Diagnostics.Stopwatch.StartNew();
        await frontend!.StopAsync(TimeSpan.FromSeconds(60));
        var exited = leaving.Elapsed;
        var exitCode = frontend.ExitCode;
        await frontend.DisposeAsync();
        (frontend, frontendAddress) = (next, nextAddress);
        return (joined, exited, exitCode);
    }

    async Task<(HostProcess, Uri)> StartFrontEndAsync()
    {
        var (process, address) = WebProcess.Start(WebProcess.Frontend, ConnectionString, clusterId, new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
            // Signatures cover the address Twilio calls: the load balancer's, when there is one.
            ["Twilio__PublicBaseUrl"] = balancer?.Address.ToString() ?? "{base}",
            ["Recordings__Directory"] = Recordings,
        });
        await Health.WaitUntilHealthyAsync(process, address.Port, TimeSpan.FromSeconds(90));
        return (process, address);
    }

    /// <summary>Starts one more scripted silo in the cluster (a replacement, as a rolling deploy starts one) and waits until it is an active member.</summary>
    public async Task<SiloProcess> StartSiloAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ScriptedRecognizer__Scripts"] = scripts,
            // Calls placed by the voicegrains command (whose sids are its own) speak the example script.
            ["ScriptedRecognizer__Script"] = ExampleScript,
            ["Calls__TransferNumber"] = TransferNumber,
            // The call moves its caller to a person itself, through Twilio's REST API (the local stand-in).
            ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
            ["Twilio__AccountSid"] = TwilioRestServer.AccountSid,
            ["Twilio__ApiBaseUrl"] = Twilio.BaseUrl.ToString(),
        };
        if (balancer is not null)
        {
            // A call whose front end stops has Twilio open it a new stream here.
            settings["Twilio__PublicBaseUrl"] = balancer.Address.ToString();
        }
        var silo = SiloProcess.Start(ConnectionString, clusterId, settings, project: "VoiceGrains.ScriptedSilo");
        silos.Add(silo);
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>Phones the front end with these caller lines; the scripted recognizer hears them for this call.</summary>
    public async Task<CallReport> CallAsync(
        string[] lines, Func<string, TurnReport, CancellationToken, Task>? turnCompleted = null, string? authToken = null, string? callSid = null,
        Func<SimulatorOptions, SimulatorOptions>? caller = null)
    {
        callSid ??= "CA" + Guid.NewGuid().ToString("N");
        var path = Path.Combine(scripts, callSid + ".txt");
        await File.WriteAllLinesAsync(path, lines);
        var script = CallScript.Load(path).Lines.Select(l => (l, l.Kind == ScriptLineKind.Keys ? null : voice.Render(l))).ToList();
        var options = new SimulatorOptions
        {
            Server = FrontEnd,
            AuthToken = authToken ?? TwilioRestServer.AuthToken,
            Console = Console,
            ApiToken = Supervisor.ApiToken,
            CallSid = callSid,
            TurnCompleted = turnCompleted,
            Redirects = Twilio.RedirectsOf(callSid),
        };
        options = caller?.Invoke(options) ?? options;
        Twilio.Know(callSid, options.From, options.To);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await SimulatedCall.RunAsync(options, script, Http, timeout.Token);
    }

    public NpgsqlDataSource Database() => NpgsqlDataSource.Create(ConnectionString);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Api?.Dispose();
        if (console is not null)
        {
            await console.DisposeAsync();
        }
        if (frontend is not null)
        {
            await frontend.DisposeAsync();
        }
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
        await Twilio.DisposeAsync();
        if (balancer is not null)
        {
            await balancer.DisposeAsync();
        }
        await postgres.DisposeAsync();
        Directory.Delete(scripts, recursive: true);
        Directory.Delete(Recordings, recursive: true);
    }
}
