using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using VoiceGrains.Contracts.Campaigns;
using VoiceGrains.Data.Campaigns;

namespace VoiceGrains.Cli.Campaigns;

/// <summary>
/// <c>voicegrains campaigns …</c>: outbound campaigns through the console's REST API (so a command is allowed exactly
/// what the token's operator is): create one, import contacts from CSV, list them with progress, and start, pause,
/// resume or cancel one.
/// </summary>
public static class CampaignCommands
{
    /// <summary>The API's spelling: web defaults, campaign words in snake case.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new JsonStringEnumConverter<CampaignKind>(JsonNamingPolicy.SnakeCaseLower),
            new JsonStringEnumConverter<CampaignStatus>(JsonNamingPolicy.SnakeCaseLower),
            new JsonStringEnumConverter<ContactState>(JsonNamingPolicy.SnakeCaseLower),
            new JsonStringEnumConverter<DoNotCallSource>(JsonNamingPolicy.SnakeCaseLower),
        },
    };

    static readonly Argument<long> Id = new("id") { Description = "The campaign's id (see `voicegrains campaigns list`)" };

    static readonly Argument<FileInfo> File = new("file") { Description = "A CSV contact list with a header row: phone (E.164), and optionally name, customer_id, time_zone (IANA id)" };

    static readonly Option<long> Campaign = new("--campaign") { Description = "The campaign the contacts join", Required = true };

    static readonly Option<string> Name = new("--name") { Description = "A name no other campaign has", Required = true };

    static readonly Option<string> Kind = new("--kind") { Description = "reminder, survey, lead_qualification or custom", Required = true };

    static readonly Option<string> Purpose = new("--purpose") { Description = "What the call is about, as the agent says it after \"calling about\" (e.g. \"your appointment tomorrow\")", Required = true };

    static readonly Option<string?> Window = new("--window") { Description = "Calling hours in the callee's local time, HH:mm-HH:mm (default 09:00-20:00)" };

    static readonly Option<string?> TimeZone = new("--time-zone") { Description = "Callees' zone when their contact gives none, an IANA id (default: the business's)" };

    static readonly Option<int?> MaxConcurrent = new("--max-concurrent") { Description = "Calls in progress at once (default 5)" };

    static readonly Option<double?> CallsPerSecond = new("--calls-per-second") { Description = "Pacing of new calls (default 1, Twilio's default account rate)" };

    static readonly Option<int?> MaxAttempts = new("--max-attempts") { Description = "Attempts per contact for busy, no answer, failed (default 3)" };

    static readonly Option<int?> RetryAfter = new("--retry-after-minutes") { Description = "Wait before the second attempt, doubling after (default 60)" };

    static readonly Option<string?> MachineMessage = new("--machine-message") { Description = "Left on an answering machine (default: none, the contact is tried again later)" };

    static readonly Option<int?> RemindBefore = new("--remind-before-hours") { Description = "Reminder campaigns: call about each booked appointment this many hours before it (1-336)" };

    static readonly Option<DateTimeOffset?> StartAt = new("--start-at") { Description = "No call before this moment, an ISO date and time with its offset (e.g. 2026-12-01T09:00-05:00)" };

    static readonly Option<bool> TextReminders = new("--text-reminders") { Description = "With --remind-before-hours: also text each callee a reminder" };

    static readonly Option<long?> Survey = new("--survey") { Description = "Survey and lead_qualification campaigns: the question set the calls ask (see `voicegrains surveys list`)" };

    static readonly Option<FileInfo?> Contacts = new("--contacts") { Description = "A CSV contact list to add at once (as `campaigns import`)" };

    public static Command Create()
    {
        var create = new Command("create", "Create a campaign (a draft: start it when its contacts are in)");
        foreach (var option in new Option[] { Name, Kind, Purpose, Window, TimeZone, MaxConcurrent, CallsPerSecond, MaxAttempts, RetryAfter, MachineMessage, RemindBefore, TextReminders, StartAt, Survey, Contacts, ConsoleApi.Address })
        {
            create.Options.Add(option);
        }
        create.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => CreateAsync(parse, http, cancellationToken), cancellationToken));

        var import = new Command("import", "Add the contacts of a CSV file to a campaign; numbers it has already are skipped");
        import.Arguments.Add(File);
        import.Options.Add(Campaign);
        import.Options.Add(ConsoleApi.Address);
        import.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => ImportAsync(parse, http, cancellationToken), cancellationToken));

        var list = new Command("list", "The campaigns, newest first, with their contacts counted by state");
        list.Options.Add(ConsoleApi.Address);
        list.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => ListAsync(http, cancellationToken), cancellationToken));

        var show = new Command("show", "One campaign's rules and progress");
        show.Arguments.Add(Id);
        show.Options.Add(ConsoleApi.Address);
        show.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => ShowAsync(parse.GetValue(Id), http, cancellationToken), cancellationToken));

        var campaigns = new Command("campaigns", "Outbound campaigns (reminders, surveys, lead qualification), through the console's REST API");
        campaigns.Subcommands.Add(create);
        campaigns.Subcommands.Add(import);
        campaigns.Subcommands.Add(list);
        campaigns.Subcommands.Add(show);
        foreach (var (action, description) in new[]
                 {
                     ("start", "Start dialling a draft campaign"), ("pause", "Stop placing calls (calls in progress go on)"),
                     ("resume", "Dial again after a pause"), ("cancel", "Place no more calls, for good"),
                 })
        {
            var command = new Command(action, description);
            command.Arguments.Add(Id);
            command.Options.Add(ConsoleApi.Address);
            command.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => ChangeAsync(parse.GetValue(Id), action, http, cancellationToken), cancellationToken));
            campaigns.Subcommands.Add(command);
        }
        return campaigns;
    }

    static async Task<int> CreateAsync(ParseResult parse, HttpClient http, CancellationToken cancellationToken)
    {
        if (CampaignNames.Parse<CampaignKind>(parse.GetValue(Kind)) is not { } kind)
        {
            await Console.Error.WriteLineAsync("voicegrains: --kind must be reminder, survey, lead_qualification or custom.");
            return 2;
        }
        string? start = null, end = null;
        if (parse.GetValue(Window) is { } window)
        {
            var parts = window.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                await Console.Error.WriteLineAsync("voicegrains: --window is HH:mm-HH:mm, e.g. 09:00-20:00.");
                return 2;
            }
            (start, end) = (parts[0], parts[1]);
        }
        IReadOnlyList<NewContact>? contacts = null;
        if (parse.GetValue(Contacts) is { } file && (contacts = await ReadContactsAsync(file)) is null)
        {
            return 2;
        }
        var request = new
        {
            name = parse.GetValue(Name),
            kind,
            purpose = parse.GetValue(Purpose),
            windowStart = start,
            windowEnd = end,
            timeZone = parse.GetValue(TimeZone),
            maxConcurrent = parse.GetValue(MaxConcurrent),
            callsPerSecond = parse.GetValue(CallsPerSecond),
            maxAttempts = parse.GetValue(MaxAttempts),
            retryAfterMinutes = parse.GetValue(RetryAfter),
            machineMessage = parse.GetValue(MachineMessage),
            remindBeforeHours = parse.GetValue(RemindBefore),
            startAt = parse.GetValue(StartAt),
            surveyId = parse.GetValue(Survey),
            textReminders = parse.GetValue(TextReminders),
            contacts,
        };
        using var response = await http.PostAsJsonAsync("/api/campaigns", request, Json, cancellationToken);
        if (await ConsoleApi.ReadAsync<CampaignProgress>(response, Json, cancellationToken) is not { } created)
        {
            return 1;
        }
        Console.WriteLine($"Created campaign {created.Campaign.Id} ({created.Campaign.Name}), a draft with {created.Contacts} contact(s). Start it with: voicegrains campaigns start {created.Campaign.Id}");
        return 0;
    }

    static async Task<int> ImportAsync(ParseResult parse, HttpClient http, CancellationToken cancellationToken)
    {
        if (await ReadContactsAsync(parse.GetValue(File)!) is not { } contacts)
        {
            return 2;
        }
        if (contacts.Count == 0)
        {
            await Console.Error.WriteLineAsync("voicegrains: the file has no contacts; nothing imported.");
            return 2;
        }
        var campaign = parse.GetValue(Campaign);
        int added = 0, skipped = 0;
        // In parts the API takes, each one transaction: a part that fails leaves the earlier ones in, and says so.
        foreach (var part in contacts.Chunk(1000))
        {
            using var response = await http.PostAsJsonAsync($"/api/campaigns/{campaign}/contacts", part, Json, cancellationToken);
            if (await ConsoleApi.ReadAsync<ContactsAdded>(response, Json, cancellationToken) is not { } result)
            {
                if (added + skipped > 0)
                {
                    await Console.Error.WriteLineAsync($"voicegrains: the first {added + skipped} contact(s) were imported before that ({added} new).");
                }
                return 1;
            }
            (added, skipped) = (added + result.Added, skipped + result.Skipped);
            Console.WriteLine($"{added + skipped} of {contacts.Count} sent…");
        }
        Console.WriteLine($"Imported {added} contact(s) into campaign {campaign}; {skipped} skipped (already in it).");
        return 0;
    }

    static async Task<int> ListAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (await ConsoleApi.GetAsync<List<CampaignProgress>>(http, "/api/campaigns", Json, cancellationToken) is not { } campaigns)
        {
            return 1;
        }
        Console.WriteLine($"{"id",5}  {"status",-9}  {"kind",-18}  {"contacts",8}  {"pending",7}  {"calling",7}  {"reached",7}  {"voicemail",9}  {"failed",6}  {"opted out",9}  name");
        foreach (var p in campaigns)
        {
            Console.WriteLine($"{p.Campaign.Id,5}  {p.Campaign.Status.Name(),-9}  {p.Campaign.Kind.Name(),-18}  {p.Contacts,8}  {p.Pending,7}  {p.InProgress,7}  {p.Reached,7}  {p.Voicemail,9}  {p.Failed,6}  {p.OptedOut,9}  {p.Campaign.Name}");
        }
        return 0;
    }

    static async Task<int> ShowAsync(long id, HttpClient http, CancellationToken cancellationToken)
    {
        if (await ConsoleApi.GetAsync<CampaignProgress>(http, $"/api/campaigns/{id}", Json, cancellationToken) is not { } progress)
        {
            return 1;
        }
        Print(progress);
        return 0;
    }

    static async Task<int> ChangeAsync(long id, string action, HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"/api/campaigns/{id}/{action}", null, cancellationToken);
        if (await ConsoleApi.ReadAsync<CampaignProgress>(response, Json, cancellationToken) is not { } progress)
        {
            return 1;
        }
        Print(progress);
        return 0;
    }

    static void Print(CampaignProgress p)
    {
        var c = p.Campaign;
        var rules = c.Rules;
        Console.WriteLine($"Campaign {c.Id}: {c.Name} ({c.Kind.Name()}), {c.Status.Name()}");
        Console.WriteLine($"  Purpose: {c.Purpose}");
        Console.WriteLine($"  Calls {rules.WindowStart:HH\\:mm}-{rules.WindowEnd:HH\\:mm} local time (default zone {rules.TimeZone}), at most {rules.MaxConcurrent} at once, {rules.CallsPerSecond:0.##} a second;");
        Console.WriteLine($"  {rules.MaxAttempts} attempt(s), retried after {rules.RetryAfter.TotalMinutes:0} min (doubling); on a machine: {(rules.MachineMessage is null ? "try again later" : $"say \"{rules.MachineMessage}\"")}");
        if (rules.StartAt is { } startAt)
        {
            Console.WriteLine($"  No call before {startAt:yyyy-MM-dd HH:mm zzz}");
        }
        if (rules.RemindBefore is { } before)
        {
            Console.WriteLine($"  Follows the appointment book: each booked appointment is called about {before.TotalHours:0} h before it");
        }
        Console.WriteLine($"  Contacts {p.Contacts}: pending {p.Pending}, calling {p.InProgress}, reached {p.Reached}, voicemail {p.Voicemail}, failed {p.Failed}, opted out {p.OptedOut}; calls placed {p.CallsPlaced}");
    }

    static async Task<IReadOnlyList<NewContact>?> ReadContactsAsync(FileInfo file)
    {
        try
        {
            using var reader = file.OpenText();
            return ContactsCsv.Read(reader);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or CsvHelper.CsvHelperException)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {file.Name}: {e.Message}");
            return null;
        }
    }
}
