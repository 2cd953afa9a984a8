using System.CommandLine;
using System.Text.Json;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Tts;

namespace VoiceGrains.Cli.Calls;

/// <summary>
/// <c>voicegrains call</c>: the caller simulator. Phones the front end exactly as Twilio would (signed webhooks, the
/// media WebSocket in real time, marks echoed) and speaks a script, then reports per turn what the agent said and
/// how fast; <c>--concurrency N</c> places N calls at once and adds percentiles.
/// </summary>
public static class CallCommand
{
    /// <summary>Where scripts/run.sh keeps the auth token it generated when none was given.</summary>
    const string LocalTokenFile = ".voicegrains/secrets/TWILIO_AUTH_TOKEN";

    static readonly Option<FileInfo> Script = new("--script")
    {
        Description = "The caller's lines: words to speak, a .wav file, [keys] 12#, a [barge-in] prefix to talk over the agent; # comments",
        Required = true,
    };

    static readonly Option<string> Url = new("--url")
    {
        Description = "The front end",
        DefaultValueFactory = _ => "http://127.0.0.1:5080",
    };

    static readonly Option<string?> PublicUrl = new("--public-url")
    {
        Description = "The front end's Twilio:PublicBaseUrl, which signatures cover (default: --url)",
    };

    static readonly Option<string> From = new("--from") { Description = "The caller's number", DefaultValueFactory = _ => "+15550100015" };

    static readonly Option<string> To = new("--to") { Description = "The number called", DefaultValueFactory = _ => "+15550100000" };

    static readonly Option<int> Concurrency = new("--concurrency") { Description = "Calls placed at once (1-64)", DefaultValueFactory = _ => 1 };

    static readonly Option<string> Voice = new("--voice") { Description = "The caller's espeak-ng voice (default British English, female; the agent speaks en-us)", DefaultValueFactory = _ => "en+f3" };

    static readonly Option<bool> Json = new("--json") { Description = "Print the calls and the latency percentiles as JSON" };

    static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var call = new Command("call", "Phone the front end like Twilio does and speak a script: what the agent said, voice-to-voice latency, barge-in reaction");
        foreach (var option in new Option[] { Script, Url, ConsoleApi.Address, PublicUrl, From, To, Concurrency, Voice, Json })
        {
            call.Options.Add(option);
        }
        call.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => RunAsync(parse, cancellationToken)));
        return call;
    }

    static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var concurrency = parse.GetValue(Concurrency);
        if (concurrency is < 1 or > 64)
        {
            await Console.Error.WriteLineAsync("voicegrains: --concurrency must be between 1 and 64.");
            return 2;
        }
        var token = Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN") ?? Environment.GetEnvironmentVariable("Twilio__AuthToken")
            ?? (File.Exists(LocalTokenFile) ? (await File.ReadAllTextAsync(LocalTokenFile, cancellationToken)).Trim() : null);
        if (string.IsNullOrEmpty(token))
        {
            await Console.Error.WriteLineAsync($"voicegrains: no Twilio auth token: set TWILIO_AUTH_TOKEN to the front end's Twilio:AuthToken (scripts/run.sh writes its own to {LocalTokenFile}).");
            return 2;
        }

        if (await ConsoleApi.TokenAsync(cancellationToken) is not { } apiToken)
        {
            return 2;
        }

        if (!ConsoleApi.TryAddress(parse.GetValue(Url), out var server) || !ConsoleApi.TryAddress(parse.GetValue(ConsoleApi.Address), out var console)
            || (parse.GetValue(PublicUrl) is { } given && !ConsoleApi.TryAddress(given, out _)))
        {
            await Console.Error.WriteLineAsync("voicegrains: --url, --console and --public-url take an absolute http(s) address, e.g. http://127.0.0.1:5080.");
            return 2;
        }

        CallScript script;
        try
        {
            script = CallScript.Load(parse.GetValue(Script)!.FullName);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {e.Message}");
            return 2;
        }
        var voice = new CallerVoice(new EspeakEngine(parse.GetValue(Voice)!));
        var lines = script.Lines.Select(l => (l, l.Kind == ScriptLineKind.Keys ? null : voice.Render(l))).ToList();
        var options = new SimulatorOptions
        {
            Server = server,
            PublicUrl = parse.GetValue(PublicUrl) is { } publicUrl ? new Uri(publicUrl) : null,
            AuthToken = token,
            Console = console,
            ApiToken = apiToken,
            From = parse.GetValue(From)!,
            To = parse.GetValue(To)!,
        };

        using var http = new HttpClient();
        var json = parse.GetValue(Json);
        var calls = await Task.WhenAll(Enumerable.Range(0, concurrency).Select<int, Task<(CallReport? Report, string? Error)>>(async _ =>
        {
            try
            {
                var report = await SimulatedCall.RunAsync(options, lines, http, cancellationToken);
                if (!json)
                {
                    Print(report, concurrency == 1);
                }
                return (report, null);
            }
            catch (Exception e) when (e is SimulatorException or HttpRequestException or System.Net.WebSockets.WebSocketException)
            {
                await Console.Error.WriteLineAsync($"voicegrains: a call failed: {e.Message}");
                return (null, e.Message);
            }
        }));

        var reports = calls.Where(c => c.Report is not null).Select(c => c.Report!).ToList();
        var latencies = new CallLatencies(reports);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new { calls = reports, errors = calls.Count(c => c.Error is not null), latencies.VoiceToVoice, latencies.BargeInClear }, JsonOutput));
        }
        else
        {
            Console.WriteLine(latencies);
        }
        var complete = calls.All(c => c.Report is { } r && r.Turns.All(t => t.VoiceToVoiceMs is not null) && r.UnplayedLines == 0);
        return complete ? 0 : 1;
    }

    static void Print(CallReport report, bool whole)
    {
        var unplayed = report.UnplayedLines > 0
            ? $" (FAILED: the server ended the call with {report.UnplayedLines} of {report.Turns.Count + report.UnplayedLines} script lines unplayed)"
            : "";
        Console.WriteLine($"Call {report.CallSid}: {report.Outcome ?? report.Status ?? "?"}{(report.HungUpByAgent ? ", the agent hung up" : "")}" +
                          (report.RecordingPath is null ? "" : $", recording {report.RecordingPath}") + unplayed);
        if (!whole)
        {
            return;
        }
        Console.WriteLine($"  Agent:  {report.Greeting}   ({Ms(report.GreetingMs)} to the greeting)");
        foreach (var turn in report.Turns)
        {
            Console.WriteLine($"  Caller: {turn.Line}{(turn.BargeIn ? "   [barge-in]" : "")}");
            if (turn.Heard is not null && turn.Heard != turn.Line)
            {
                Console.WriteLine($"    (heard: {turn.Heard})");
            }
            var clear = turn.BargeIn ? $", clear {Ms(turn.BargeInClearMs)} after the caller's voice began" : "";
            Console.WriteLine($"  Agent:  {turn.AgentSaid}   (voice-to-voice {Ms(turn.VoiceToVoiceMs)}{clear})");
        }
    }

    static string Ms(double? value) => value is { } ms ? $"{ms:0} ms" : "no reply";
}
