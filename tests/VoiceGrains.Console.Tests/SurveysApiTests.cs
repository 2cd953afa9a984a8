using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Console.Tests;

/// <summary>
/// The surveys API: supervisors create question sets (a bad one is told what is wrong), any operator reads a report
/// that agrees with the stored answers and the leads; the CSV export is a supervisor's, audited, and holds every answer.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SurveysApiTests(ConsoleFixture console)
{
    static object Survey(string name) => new
    {
        name,
        kind = "survey",
        followUpAtOrBelow = 2,
        questions = new object[]
        {
            new { kind = "rating", text = "How was your visit?" },
            new { kind = "nps", text = "Would you recommend us?" },
            new { kind = "choice", text = "Which store?", choices = new[] { "Downtown", "Airport" } },
            new { kind = "open", text = "Anything else?" },
        },
    };

    [Fact]
    public async Task ASupervisorCreatesASurveyAndItsReportAgreesWithTheAnswers()
    {
        using var supervisor = console.ClientFor(console.Supervisor);
        using var viewer = console.ClientFor(console.Viewer);

        using var byViewer = await viewer.PostAsJsonAsync(new Uri("/api/surveys", UriKind.Relative), Survey("viewer's survey"));
        using var created = await supervisor.PostAsJsonAsync(new Uri("/api/surveys", UriKind.Relative), Survey("visit survey"));
        using var again = await supervisor.PostAsJsonAsync(new Uri("/api/surveys", UriKind.Relative), Survey("visit survey"));

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        await using var dataSource = NpgsqlDataSource.Create(console.ConnectionString);
        var surveys = new SurveyRepository(dataSource);
        var answers = new (int Rating, int Nps, string Store, string Open, float Sentiment)[]
        {
            (5, 10, "Downtown", "Great staff, very helpful.", 0.8f), (4, 9, "Downtown", "It was okay.", 0f), (2, 3, "Airport", "The queue was terrible.", -0.7f),
        };
        foreach (var (a, i) in answers.Select((a, i) => (a, i)))
        {
            var response = await surveys.BeginResponseAsync(id, $"CAsurvey{id}x{i}", "+1555017010" + i, null, CancellationToken.None);
            await surveys.SaveAnswerAsync(response, new SurveyAnswer(1, $"{a.Rating}", a.Rating), CancellationToken.None);
            await surveys.SaveAnswerAsync(response, new SurveyAnswer(2, $"{a.Nps}", a.Nps, Keyed: true), CancellationToken.None);
            await surveys.SaveAnswerAsync(response, new SurveyAnswer(3, a.Store, a.Store == "Downtown" ? 1 : 2), CancellationToken.None);
            await surveys.SaveAnswerAsync(response, new SurveyAnswer(4, a.Open, null, a.Sentiment), CancellationToken.None);
            await surveys.FinishResponseAsync(response, declined: false, CancellationToken.None);
        }
        var declined = await surveys.BeginResponseAsync(id, $"CAsurvey{id}declined", "+15550170109", null, CancellationToken.None);
        await surveys.FinishResponseAsync(declined, declined: true, CancellationToken.None);

        var report = await viewer.GetFromJsonAsync<JsonElement>(new Uri($"/api/surveys/{id}/report", UriKind.Relative));
        Assert.Equal((4, 3, 1), (report.GetProperty("responses").GetInt32(), report.GetProperty("completed").GetInt32(), report.GetProperty("declined").GetInt32()));
        var questions = report.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(3.67, questions[0].GetProperty("average").GetDouble(), 2);
        Assert.Equal(["2:1", "4:1", "5:1"], questions[0].GetProperty("distribution").EnumerateArray().Select(d => $"{d.GetProperty("answer").GetString()}:{d.GetProperty("count").GetInt32()}"));
        // Two promoters (9, 10), one detractor (3) of three: NPS 33.
        Assert.Equal(33, questions[1].GetProperty("nps").GetInt32());
        Assert.Equal(["Downtown:2", "Airport:1"], questions[2].GetProperty("distribution").EnumerateArray().Select(d => $"{d.GetProperty("answer").GetString()}:{d.GetProperty("count").GetInt32()}"));
        var sentiment = questions[3].GetProperty("sentiment");
        Assert.Equal((1, 1, 1), (sentiment.GetProperty("positive").GetInt32(), sentiment.GetProperty("neutral").GetInt32(), sentiment.GetProperty("negative").GetInt32()));
        Assert.Equal(3, questions[3].GetProperty("verbatims").GetArrayLength());
        Assert.Empty(questions[3].GetProperty("distribution").EnumerateArray());

        using var byViewerCsv = await viewer.GetAsync(new Uri($"/api/surveys/{id}/responses.csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, byViewerCsv.StatusCode);
        var csv = await supervisor.GetStringAsync(new Uri($"/api/surveys/{id}/responses.csv", UriKind.Relative));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + await CountAsync(dataSource, $"SELECT count(*) FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.survey_id = {id}"), lines.Length);
        Assert.StartsWith("response_id,call_sid,phone,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("\"Great staff, very helpful.\"", StringComparison.Ordinal));
        Assert.Equal(1L, await CountAsync(dataSource, $"SELECT count(*) FROM audit_log WHERE action = 'export' AND detail = 'survey {id} responses'"));
    }

    [Theory]
    [InlineData("""{"name":"s-bad-1","kind":"survey","questions":[]}""", "1 to 20 questions")]
    [InlineData("""{"name":"s-bad-2","kind":"survey","questions":[{"kind":"choice","text":"Which?","choices":["only one"]}]}""", "needs 2 to 9 choices")]
    [InlineData("""{"name":"s-bad-3","kind":"qualification","questions":[{"kind":"yes_no","text":"Budget?","points":{"yes":10}}]}""", "hotAt and warmAt")]
    [InlineData("""{"name":"s-bad-4","kind":"qualification","hotAt":50,"warmAt":20,"questions":[{"kind":"yes_no","text":"Budget?","points":{"maybe":10}}]}""", "not one of its answers")]
    [InlineData("""{"name":"s-bad-5","kind":"survey","questions":[{"text":"No kind?"}]}""", "each with a kind")]
    public async Task ABadSurveyIsRefusedSayingWhat(string body, string reason)
    {
        using var supervisor = console.ClientFor(console.Supervisor);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await supervisor.PostAsync(new Uri("/api/surveys", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASurveyCampaignNeedsASurveyOfItsKindAndLeadsAreListedByGrade()
    {
        using var supervisor = console.ClientFor(console.Supervisor);
        using var created = await supervisor.PostAsJsonAsync(new Uri("/api/surveys", UriKind.Relative), Survey("campaign survey"));
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        using var withoutSurvey = await supervisor.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), new { name = "survey-c1", kind = "survey", purpose = "a short survey" });
        using var wrongKind = await supervisor.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative),
            new { name = "survey-c2", kind = "lead_qualification", purpose = "a few questions", surveyId });
        using var right = await supervisor.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), new { name = "survey-c3", kind = "survey", purpose = "a short survey", surveyId });

        Assert.Equal(HttpStatusCode.BadRequest, withoutSurvey.StatusCode);
        Assert.Contains("surveyId is required", await withoutSurvey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongKind.StatusCode);
        Assert.Contains("existing qualification", await wrongKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal(surveyId, (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaign").GetProperty("surveyId").GetInt64());

        await using var dataSource = NpgsqlDataSource.Create(console.ConnectionString);
        var response = await new SurveyRepository(dataSource).BeginResponseAsync(surveyId, "CAleadhot", "+15550170201", null, CancellationToken.None);
        var leads = new LeadRepository(dataSource);
        await leads.SaveQualificationAsync("+15550170201", null, response, 90, LeadGrade.Hot, CancellationToken.None);
        await leads.SaveQualificationAsync("+15550170202", null, response, 10, LeadGrade.Cold, CancellationToken.None);
        using var viewer = console.ClientFor(console.Viewer);

        var hot = await viewer.GetFromJsonAsync<JsonElement>(new Uri("/api/leads?grade=hot", UriKind.Relative));
        using var badGrade = await viewer.GetAsync(new Uri("/api/leads?grade=lukewarm", UriKind.Relative));

        Assert.Equal(["+15550170201"], hot.EnumerateArray().Select(l => l.GetProperty("phone").GetString()));
        Assert.Equal("hot", hot[0].GetProperty("grade").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badGrade.StatusCode);
    }

    static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
