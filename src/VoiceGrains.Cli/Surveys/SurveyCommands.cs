using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Cli.Surveys;

/// <summary>
/// <c>voicegrains surveys …</c> and <c>voicegrains leads</c>: question sets and their results through the console's
/// REST API: create one from a JSON file, list them, print a report or save the answers as CSV, list the leads.
/// </summary>
public static class SurveyCommands
{
    /// <summary>The API's spelling: web defaults, survey and lead words in snake case.</summary>
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters =
        {
            new JsonStringEnumConverter<SurveyKind>(JsonNamingPolicy.SnakeCaseLower),
            new JsonStringEnumConverter<QuestionKind>(JsonNamingPolicy.SnakeCaseLower),
            new JsonStringEnumConverter<LeadGrade>(JsonNamingPolicy.SnakeCaseLower),
            new JsonStringEnumConverter<LeadNextStep>(JsonNamingPolicy.SnakeCaseLower),
        },
    };

    static readonly Argument<long> Id = new("id") { Description = "The survey's id (see `voicegrains surveys list`)" };

    static readonly Argument<FileInfo> Definition = new("file")
    {
        Description = "A JSON question set: {\"name\", \"kind\": survey|qualification, \"questions\": [{\"kind\": rating|nps|yes_no|choice|open, \"text\", \"choices\", \"points\"}], \"followUpAtOrBelow\", \"hotAt\", \"warmAt\"}",
    };

    static readonly Option<FileInfo?> Csv = new("--csv") { Description = "Save every answer to this CSV file instead of printing the report" };

    static readonly Option<string?> Grade = new("--grade") { Description = "Only leads of this grade: hot, warm or cold" };

    public static Command Create()
    {
        var create = new Command("create", "Create a survey or lead qualification from a JSON file");
        create.Arguments.Add(Definition);
        create.Options.Add(ConsoleApi.Address);
        create.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => CreateAsync(parse.GetValue(Definition)!, http, cancellationToken), cancellationToken));

        var list = new Command("list", "The question sets, newest first, with their responses counted");
        list.Options.Add(ConsoleApi.Address);
        list.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => ListAsync(http, cancellationToken), cancellationToken));

        var report = new Command("report", "A survey's results: answers per question, averages, NPS, sentiment and verbatims (or, with --csv, every answer)");
        report.Arguments.Add(Id);
        report.Options.Add(Csv);
        report.Options.Add(ConsoleApi.Address);
        report.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => parse.GetValue(Csv) is { } file
            ? ExportAsync(parse.GetValue(Id), file, http, cancellationToken)
            : ReportAsync(parse.GetValue(Id), http, cancellationToken), cancellationToken));

        var surveys = new Command("surveys", "Surveys and lead qualifications, through the console's REST API");
        surveys.Subcommands.Add(create);
        surveys.Subcommands.Add(list);
        surveys.Subcommands.Add(report);
        return surveys;
    }

    public static Command Leads()
    {
        var leads = new Command("leads", "Qualified leads, best score first, with their grade and next step");
        leads.Options.Add(Grade);
        leads.Options.Add(ConsoleApi.Address);
        leads.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, http => LeadsAsync(parse.GetValue(Grade), http, cancellationToken), cancellationToken));
        return leads;
    }

    static async Task<int> CreateAsync(FileInfo file, HttpClient http, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {file.FullName} does not exist.");
            return 2;
        }
        var body = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {file.Name} is not JSON: {e.Message}");
            return 2;
        }
        using var response = await http.PostAsync("/api/surveys", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        if (await ConsoleApi.ReadAsync<Survey>(response, Json, cancellationToken) is not { } created)
        {
            return 1;
        }
        Console.WriteLine($"Created {created.Definition.Kind.Name()} {created.Id} ({created.Definition.Name}) with {created.Definition.Questions.Count} question(s).");
        return 0;
    }

    static async Task<int> ListAsync(HttpClient http, CancellationToken cancellationToken)
    {
        if (await ConsoleApi.GetAsync<List<SurveyListItem>>(http, "/api/surveys", Json, cancellationToken) is not { } surveys)
        {
            return 1;
        }
        Console.WriteLine($"{"id",5}  {"kind",-13}  {"questions",9}  {"responses",9}  {"completed",9}  name");
        foreach (var s in surveys)
        {
            Console.WriteLine($"{s.Id,5}  {s.Kind.Name(),-13}  {s.Questions,9}  {s.Responses,9}  {s.Completed,9}  {s.Name}");
        }
        return 0;
    }

    static async Task<int> ReportAsync(long id, HttpClient http, CancellationToken cancellationToken)
    {
        if (await ConsoleApi.GetAsync<SurveyReport>(http, $"/api/surveys/{id}/report", Json, cancellationToken) is not { } report)
        {
            return 1;
        }
        Console.WriteLine($"{report.Kind.Name()} {report.SurveyId} \"{report.Name}\": {report.Responses} response(s), {report.Completed} completed, {report.Declined} declined");
        foreach (var q in report.Questions)
        {
            Console.WriteLine();
            Console.WriteLine($"{q.Number}. {q.Text} ({q.Kind.Name()}): {q.Answered} answer(s)"
                + (q.Average is { } average ? string.Create(CultureInfo.InvariantCulture, $", average {average:0.00}") : "")
                + (q.Nps is { } nps ? $", NPS {nps}" : ""));
            foreach (var count in q.Distribution)
            {
                Console.WriteLine($"   {count.Answer,-20} {count.Count,6}");
            }
            if (q.Sentiment is { } sentiment)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   sentiment: {sentiment.Positive} positive, {sentiment.Neutral} neutral, {sentiment.Negative} negative (average {sentiment.Average:0.00})"));
            }
            foreach (var verbatim in q.Verbatims)
            {
                Console.WriteLine($"   \"{verbatim}\"");
            }
        }
        return 0;
    }

    static async Task<int> ExportAsync(long id, FileInfo file, HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/surveys/{id}/responses.csv", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            await ConsoleApi.ReadAsync<object>(response, Json, cancellationToken);
            return 1;
        }
        var csv = await response.Content.ReadAsStringAsync(cancellationToken);
        await File.WriteAllTextAsync(file.FullName, csv, cancellationToken);
        Console.WriteLine($"Saved {csv.Count(c => c == '\n') - 1} answer(s) to {file.FullName}.");
        return 0;
    }

    static async Task<int> LeadsAsync(string? grade, HttpClient http, CancellationToken cancellationToken)
    {
        var query = string.IsNullOrWhiteSpace(grade) ? "" : $"?grade={Uri.EscapeDataString(grade.Trim())}";
        if (await ConsoleApi.GetAsync<List<Lead>>(http, $"/api/leads{query}", Json, cancellationToken) is not { } leads)
        {
            return 1;
        }
        Console.WriteLine($"{"phone",-16}  {"score",5}  {"grade",-5}  {"next step",-20}  {"qualified",-16}  name");
        foreach (var l in leads)
        {
            Console.WriteLine($"{l.Phone,-16}  {l.Score,5}  {l.Grade.Name(),-5}  {l.NextStep?.Name() ?? "-",-20}  {l.QualifiedAt.ToUniversalTime():yyyy-MM-dd HH:mm}  {l.Name}");
        }
        return 0;
    }
}
