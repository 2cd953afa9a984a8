using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary>
/// Campaigns as an operator runs them, every part its own process: the <c>voicegrains campaigns</c> commands against
/// the console's API, a silo that dials through the local stand-in of Twilio's REST API, and the front end that takes
/// Twilio's signed webhooks (played here as Twilio sends them, from the addresses each call was created with). The
/// callees' zone is a fixed-offset one where it is early afternoon when the test runs, so the calling window is real.
/// </summary>
public sealed class CampaignCallTests : IAsyncLifetime
{
    const string BusinessNumber = "+15550100000";
    const string SalesNumber = "+15550100077";

    readonly PostgresFixture postgres = new();
    readonly List<SiloProcess> silos = [];
    readonly string clusterId = "campaigns-" + Guid.NewGuid().ToString("N")[..8];
    readonly int frontEndPort = FreePort.Next();
    readonly string work = Directory.CreateTempSubdirectory("voicegrains-campaigns-").FullName;
    readonly CallerVoice voice = new(new EspeakEngine("en+f3"));
    string database = "";
    TwilioRestServer twilio = null!;
    HostProcess? frontEnd;
    HostProcess? console;
    Uri consoleAddress = null!;
    TestOperator supervisor = null!;
    HttpClient api = null!;

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        database = await postgres.CreateDatabaseAsync();
        twilio = await TwilioRestServer.StartAsync();
        await StartSiloAsync();
        (frontEnd, _) = WebProcess.Start(WebProcess.Frontend, database, clusterId, new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
            ["Twilio__PublicBaseUrl"] = "{base}",
        }, frontEndPort);
        await Health.WaitUntilHealthyAsync(frontEnd, frontEndPort, TimeSpan.FromSeconds(90));
        // The console places single calls too, through the same account.
        (console, consoleAddress) = WebProcess.Start(WebProcess.Console, database, clusterId, OutboundTwilio());
        await Health.WaitUntilHealthyAsync(console, consoleAddress.Port, TimeSpan.FromSeconds(90));
        supervisor = await TestOperator.AddAsync(database, VoiceGrains.Operators.OperatorRoles.Supervisor);
        api = supervisor.Client(consoleAddress);
        // Nobody is called on the business's holidays: the demo data's are taken out so the test runs any day.
        await using var data = NpgsqlDataSource.Create(database);
        await data.ScalarAsync<int>("WITH gone AS (DELETE FROM holidays RETURNING 1) SELECT count(*)::int FROM gone");
    }

    /// <summary>Twilio as a host that places calls needs it: the stand-in's account, the business's number, webhooks to the front end.</summary>
    Dictionary<string, string?> OutboundTwilio() => new()
    {
        ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
        ["Twilio__AccountSid"] = TwilioRestServer.AccountSid,
        ["Twilio__PhoneNumber"] = BusinessNumber,
        ["Twilio__PublicBaseUrl"] = $"http://127.0.0.1:{frontEndPort.ToString(CultureInfo.InvariantCulture)}",
        ["Twilio__ApiBaseUrl"] = twilio.BaseUrl.ToString(),
    };

    /// <summary>A silo that places campaigns' calls from the business's number, with webhooks to the front end.</summary>
    async Task StartSiloAsync()
    {
        // The scripted test silo: a callee's lines are heard as written (scripts/{call sid}.txt), Whisper stands aside.
        var settings = OutboundTwilio();
        settings["ScriptedRecognizer__Scripts"] = work;
        settings["Calls__TransferNumber"] = "+15550100099";
        settings["Calls__SalesNumber"] = SalesNumber;
        // A killed silo stays "active" in the membership table until its I-am-alive row is stale (3 × this, 90 s by
        // default), and a silo that starts validates its connection to every active one first: after the whole cluster
        // is killed the restarted silo would wait out the dead one's 90 s. A 5 s row goes stale in 15 s.
        settings["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05";
        var silo = SiloProcess.Start(database, clusterId, settings, project: "VoiceGrains.ScriptedSilo");
        silos.Add(silo);
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task ASiloAndThenTheWholeClusterKilledWhileDiallingCallEveryoneOnceAndNobodyTwice()
    {
        const int People = 24;
        var numbers = Enumerable.Range(1, People).Select(i => $"+1555015{i:D4}").ToList();
        var csv = Path.Combine(work, "contacts.csv");
        await File.WriteAllLinesAsync(csv, ["phone,name,time_zone", .. numbers.Select((n, i) => $"{n},Person {i + 1},{FixedOffsetZones.WhereTheHourIs(13)}")]);

        var (created, output) = await CliAsync("campaigns", "create", "--name", "dental reminders", "--kind", "reminder",
            "--purpose", "your dental appointment tomorrow", "--calls-per-second", "2", "--max-concurrent", "3",
            "--max-attempts", "1", "--contacts", csv);
        Assert.True(created == 0, output);
        var id = long.Parse(output.Split("Created campaign ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        // Started while one silo is up: the campaign's grain lives on the silo that is killed first.
        var (started, startOutput) = await CliAsync("campaigns", "start", id.ToString(CultureInfo.InvariantCulture));
        Assert.True(started == 0, startOutput);

        // Every callee's line is busy: Twilio says so on each call's status callback, as the front end hears it.
        using var answering = new CancellationTokenSource();
        var callees = AnswerEveryCallBusyAsync(answering.Token);
        await PlacedAsync(4);

        // A second silo joins, and the campaign's silo dies mid-campaign: the survivor takes the grain on (its reminder
        // is in PostgreSQL) and goes on dialling.
        var first = silos[0];
        await StartSiloAsync();
        first.Host.Kill();
        var placedBeforeSiloKill = twilio.Created.Count;
        await PlacedAsync(placedBeforeSiloKill + 2, TimeSpan.FromMinutes(2));

        // Then the whole cluster dies, and comes back.
        foreach (var silo in silos)
        {
            silo.Host.Kill();
        }
        var placedBeforeKill = twilio.Created.Count;
        await StartSiloAsync();

        var progress = await FinishedAsync(id.ToString(CultureInfo.InvariantCulture), TimeSpan.FromMinutes(2));
        await answering.CancelAsync();
        await callees;

        Assert.True(progress.GetProperty("campaign").GetProperty("status").GetString() == "finished", progress.ToString());
        Assert.True(placedBeforeSiloKill < placedBeforeKill && placedBeforeKill < People,
            $"{placedBeforeSiloKill} calls placed before the silo was killed, {placedBeforeKill} before the cluster was: each kill must come mid-campaign");
        var dialled = twilio.Created.GroupBy(c => c.Form["To"]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(numbers.Order(), dialled.Keys.Order());          // nobody skipped
        Assert.All(dialled, d => Assert.Equal(1, d.Value));           // nobody called twice
        Assert.Equal(People, progress.GetProperty("failed").GetInt32());   // one attempt each, all busy
        Assert.Equal(People, progress.GetProperty("callsPlaced").GetInt32());

        var (shown, summary) = await CliAsync("campaigns", "show", id.ToString(CultureInfo.InvariantCulture));
        Assert.True(shown == 0, summary);
        Assert.Contains($"Contacts {People}: pending 0, calling 0, reached 0, voicemail 0, failed {People}", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMachineHearsTheCampaignsMessageAndNobodyOnTheDoNotCallListIsDialled()
    {
        var csv = Path.Combine(work, "two.csv");
        await File.WriteAllLinesAsync(csv, ["phone,time_zone", $"+15550160001,{FixedOffsetZones.WhereTheHourIs(13)}", $"+15550160002,{FixedOffsetZones.WhereTheHourIs(13)}"]);
        Assert.Equal(0, (await CliAsync("do-not-call", "add", "+15550160002")).ExitCode);
        var (_, output) = await CliAsync("campaigns", "create", "--name", "messages", "--kind", "custom", "--purpose", "your order",
            "--machine-message", "Hello, this is Northwind Home Goods about your order. Please call us back.", "--contacts", csv);
        var id = output.Split("Created campaign ")[1].Split(' ')[0];
        Assert.Equal(0, (await CliAsync("campaigns", "start", id)).ExitCode);

        var sid = (await DialledAsync("+15550160001")).CallSid;
        Assert.Equal("DetectMessageEnd", twilio.Call(sid)["MachineDetection"]);
        var twiml = await twilio.AnswerAsync(sid, "machine_end_beep");

        Assert.Contains("<Say>Hello, this is Northwind Home Goods about your order. Please call us back.</Say>", twiml, StringComparison.Ordinal);
        Assert.Contains("<Hangup", twiml, StringComparison.Ordinal);
        var progress = await FinishedAsync(id, TimeSpan.FromSeconds(10));
        Assert.Equal(("finished", 1, 1), (progress.GetProperty("campaign").GetProperty("status").GetString(),
            progress.GetProperty("voicemail").GetInt32(), progress.GetProperty("optedOut").GetInt32()));
        Assert.DoesNotContain(twilio.Created, c => c.Form["To"] == "+15550160002");

        // A single call to a number on the list is refused too.
        using var refused = await api.PostAsJsonAsync(new Uri(consoleAddress, "/api/calls"), new { to = "+15550160002", purpose = "anything" });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task EachUseCaseIsASpokenCallAReminderConfirmedOrOptedOutByKeyASurveyAnsweredByVoiceAndKeypadAndAHotLeadMovedToSales()
    {
        await using var data = NpgsqlDataSource.Create(database);
        var zone = FixedOffsetZones.WhereTheHourIs(13);
        // A customer of the demo data with a booked appointment, for the reminder.
        var (appointment, patient) = (await data.ScalarAsync<string>("""
            SELECT a.id || ' ' || c.phone FROM appointments a JOIN appointment_slots s ON s.id = a.slot_id JOIN customers c ON c.id = a.customer_id
             WHERE a.status = 'booked' AND s.starts_at > now() ORDER BY s.starts_at LIMIT 1
            """)).Split(' ') is [var a, var p] ? (a, p) : throw new InvalidOperationException("no booked appointment in the demo data");
        // Question sets made with the CLI.
        var survey = await SurveyAsync("delivery.json", """
            {"name": "Delivery survey", "kind": "survey", "questions": [
              {"kind": "rating", "text": "How would you rate your last delivery?"},
              {"kind": "nps", "text": "How likely are you to recommend us to a friend?"},
              {"kind": "yes_no", "text": "Did your order arrive on time?"},
              {"kind": "choice", "text": "How did you first hear about us?", "choices": ["a friend", "the website", "an advert"]},
              {"kind": "open", "text": "Is there anything we could do better?"}]}
            """);
        var qualifying = await SurveyAsync("qualifying.json", """
            {"name": "Qualifying", "kind": "qualification", "hotAt": 80, "warmAt": 40, "questions": [
              {"kind": "yes_no", "text": "Do you have a budget for this?", "points": {"yes": 40}},
              {"kind": "choice", "text": "When would you like to start?", "choices": ["this month", "this quarter", "next year"], "points": {"this month": 40, "this quarter": 20}},
              {"kind": "yes_no", "text": "Are you the one who decides?", "points": {"yes": 20}}]}
            """);
        const string OptingOut = "+15550180010";
        var reminders = await CampaignAsync("reminders", "reminder", "your upcoming appointment", null, [patient, OptingOut], zone);
        await CampaignAsync("delivery survey", "survey", "a short survey about your last delivery", survey, ["+15550180011"], zone);
        await CampaignAsync("leads", "lead_qualification", "a few questions about your project", qualifying, ["+15550180012"], zone);

        // The callees answer at once: one says they will come, one presses the opt-out key the greeting offers, one answers
        // the survey by voice and on the keypad, one qualifies as a hot lead and asks for sales.
        var calls = await Task.WhenAll(
            AnswerAsync(await DialledAsync(patient), ["Yes, I'll be there.", "No, that's all, goodbye.", "Five."]),
            AnswerAsync(await DialledAsync(OptingOut), ["[keys] 9#"]),
            AnswerAsync(await DialledAsync("+15550180011"),
                ["Yes, I have a minute.", "I would say four out of five.", "[keys] 9#", "Yes, it did.", "[keys] 2#", "The driver was very helpful, thank you."]),
            AnswerAsync(await DialledAsync("+15550180012"),
                ["Sure.", "Yes, we have a budget.", "This month.", "Yes, I decide.", "I'd like to speak to someone from sales right now."]));
        var (reminded, optedOut, surveyed, lead) = (calls[0], calls[1], calls[2], calls[3]);

        Assert.Contains("is confirmed", string.Join(" ", reminded.Turns.Select(t => t.AgentSaid)), StringComparison.Ordinal);
        Assert.True(await data.ScalarAsync<bool>($"SELECT confirmed_at IS NOT NULL FROM appointments WHERE id = {appointment}"));
        Assert.Contains("press 9", optedOut.Greeting, StringComparison.Ordinal);
        Assert.Contains("won't call you again", optedOut.Turns[0].AgentSaid, StringComparison.Ordinal);
        Assert.True(optedOut.HungUpByAgent);
        var listed = await api.GetFromJsonAsync<JsonElement>(new Uri(consoleAddress, "/api/do-not-call"));
        Assert.Contains(listed.EnumerateArray(), e => e.GetProperty("phone").GetString() == OptingOut && e.GetProperty("source").GetString() == "callee");
        var progress = await FinishedAsync(reminders, TimeSpan.FromSeconds(10));
        Assert.Equal((1, 1, "finished"), (progress.GetProperty("reached").GetInt32(), progress.GetProperty("optedOut").GetInt32(),
            progress.GetProperty("campaign").GetProperty("status").GetString()));
        Assert.Single(twilio.Created, c => c.Form["To"] == OptingOut);

        Assert.True(surveyed.HungUpByAgent);
        var (reported, report) = await CliAsync("surveys", "report", survey);
        Assert.True(reported == 0, report);
        Assert.Contains("1 response(s), 1 completed, 0 declined", report, StringComparison.Ordinal);
        Assert.Contains("answer(s), average 4.00", report, StringComparison.Ordinal);
        Assert.Contains("average 9.00, NPS 100", report, StringComparison.Ordinal);
        Assert.Contains("the website", report, StringComparison.Ordinal);
        Assert.Contains("\"The driver was very helpful, thank you.\"", report, StringComparison.Ordinal);
        Assert.Equal(2L, await data.ScalarAsync<long>("SELECT count(*) FROM survey_answers WHERE keyed"));

        Assert.Equal("transferred", lead.Outcome);
        var update = Assert.Single(twilio.Updates, u => u.CallSid == lead.CallSid);
        Assert.Equal(SalesNumber, (string?)System.Xml.Linq.XElement.Parse(update.Form["Twiml"]).Element("Dial"));
        var (leadsListed, leads) = await CliAsync("leads", "--grade", "hot");
        Assert.True(leadsListed == 0, leads);
        Assert.Matches(@"\+15550180012\s+100\s+hot\s+transferred_to_sales", leads);
    }

    /// <summary>Creates (with the CLI) and starts a campaign calling these numbers; its id.</summary>
    async Task<string> CampaignAsync(string name, string kind, string purpose, string? survey, string[] phones, string zone)
    {
        var csv = Path.Combine(work, name + ".csv");
        await File.WriteAllLinesAsync(csv, ["phone,time_zone", .. phones.Select(phone => $"{phone},{zone}")]);
        string[] surveyOption = survey is null ? [] : ["--survey", survey];
        var (created, output) = await CliAsync(["campaigns", "create", "--name", name, "--kind", kind, "--purpose", purpose, .. surveyOption, "--contacts", csv]);
        Assert.True(created == 0, output);
        var id = output.Split("Created campaign ")[1].Split(' ')[0];
        Assert.Equal(0, (await CliAsync("campaigns", "start", id)).ExitCode);
        return id;
    }

    /// <summary>Creates a question set from JSON with the CLI; its id.</summary>
    async Task<string> SurveyAsync(string file, string json)
    {
        var path = Path.Combine(work, file);
        await File.WriteAllTextAsync(path, json);
        var (created, output) = await CliAsync("surveys", "create", path);
        Assert.True(created == 0, output);
        return System.Text.RegularExpressions.Regex.Match(output, @"Created \w+ (\d+)").Groups[1].Value;
    }

    /// <summary>
    /// The callee picks up the placed call and follows the script (its spoken lines are what the scripted recognizer
    /// hears, <c>[keys]</c> lines are pressed), as the simulator plays Twilio towards the front end.
    /// </summary>
    async Task<CallReport> AnswerAsync((string CallSid, IReadOnlyDictionary<string, string> Form) dial, string[] lines)
    {
        var path = Path.Combine(work, dial.CallSid + ".txt");
        await File.WriteAllLinesAsync(path, lines);
        var script = CallScript.Load(path).Lines.Select(l => (l, l.Kind == ScriptLineKind.Keys ? null : (CallerClip?)voice.Render(l))).ToList();
        using var http = new HttpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await SimulatedCall.RunAsync(new SimulatorOptions
        {
            Server = new Uri($"http://127.0.0.1:{frontEndPort.ToString(CultureInfo.InvariantCulture)}"),
            AuthToken = TwilioRestServer.AuthToken,
            Console = consoleAddress,
            ApiToken = supervisor.ApiToken,
            From = BusinessNumber,
            To = dial.Form["To"],
            Answering = new PlacedCall(dial.CallSid, new Uri(dial.Form["Url"]), new Uri(dial.Form["StatusCallback"])),
        }, script, http, timeout.Token);
    }

    /// <summary>Waits until Twilio was asked to create <paramref name="count"/> calls (30 s unless told otherwise).</summary>
    async Task PlacedAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (twilio.Created.Count < count && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(100);
        }
        Assert.True(twilio.Created.Count >= count, $"{twilio.Created.Count} calls placed, {count} awaited");
    }

    /// <summary>The campaign's progress once it has finished, or as it is when <paramref name="timeout"/> runs out.</summary>
    async Task<JsonElement> FinishedAsync(string id, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var progress = await api.GetFromJsonAsync<JsonElement>(new Uri(consoleAddress, $"/api/campaigns/{id}"));
            if (progress.GetProperty("campaign").GetProperty("status").GetString() == "finished" || DateTimeOffset.UtcNow > until)
            {
                return progress;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The first call Twilio was asked to create to <paramref name="to"/>, waited for up to 15 s.</summary>
    async Task<(string CallSid, IReadOnlyDictionary<string, string> Form)> DialledAsync(string to)
    {
        for (var i = 0; i < 150; i++)
        {
            if (twilio.Created.Where(c => c.Form["To"] == to).Select(c => ((string, IReadOnlyDictionary<string, string>)?)c).FirstOrDefault() is { } dial)
            {
                return dial;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No call to {to} was placed within 15 s.");
    }

    /// <summary>Posts "busy" for every call Twilio was asked to create, once each, retrying while no silo is up.</summary>
    async Task AnswerEveryCallBusyAsync(CancellationToken cancellationToken)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            foreach (var (sid, _) in twilio.Created.Where(c => !answered.Contains(c.CallSid)))
            {
                try
                {
                    if (await twilio.PostStatusAsync(sid, "busy") == 204)
                    {
                        answered.Add(sid);
                    }
                }
                catch (HttpRequestException)
                {
                    // The front end is waiting for a silo: Twilio retries too.
                }
            }
            await Task.Delay(200, CancellationToken.None);
        }
    }


    Task<(int ExitCode, string Output)> CliAsync(params string[] arguments) =>
        VoiceGrainsCommand.RunAsync(new Dictionary<string, string?> { ["VOICEGRAINS_API_TOKEN"] = supervisor.ApiToken },
            TimeSpan.FromSeconds(60), [.. arguments, "--console", consoleAddress.ToString()]);


    public async Task DisposeAsync()
    {
        api?.Dispose();
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
        if (frontEnd is not null)
        {
            await frontEnd.DisposeAsync();
        }
        if (console is not null)
        {
            await console.DisposeAsync();
        }
        await twilio.DisposeAsync();
        await postgres.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }
}
