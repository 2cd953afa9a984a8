using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceGrains.Console.Tests;

/// <summary>
/// The campaigns and do-not-call API: who may do what, what a bad request is told, and progress as the database
/// holds it. The fixture's silo has no Twilio account, so a campaign there can be created but never dial.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class CampaignsApiTests(ConsoleFixture console)
{
    static object Campaign(string name, params object[] contacts) => new
    {
        name,
        kind = "reminder",
        purpose = "your appointment",
        windowStart = "09:30",
        windowEnd = "19:00",
        timeZone = "America/Chicago",
        maxAttempts = 2,
        retryAfterMinutes = 45,
        contacts,
    };

    [Fact]
    public async Task ASupervisorCreatesACampaignWithContactsThatAViewerCanOnlyRead()
    {
        using var supervisor = console.ClientFor(console.Supervisor);
        using var viewer = console.ClientFor(console.Viewer);

        using var byViewer = await viewer.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), Campaign("viewer's"));
        using var created = await supervisor.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), Campaign("api-1",
            new { phone = "+15550170001", name = "Ada" }, new { phone = "+15550170002", timeZone = "America/Denver" }, new { phone = "+15550170001" }));
        using var again = await supervisor.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), Campaign("api-1"));

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var progress = await created.Content.ReadFromJsonAsync<JsonElement>();
        var campaign = progress.GetProperty("campaign");
        Assert.Equal(("draft", "reminder", 2, 2), (campaign.GetProperty("status").GetString(), campaign.GetProperty("kind").GetString(),
            progress.GetProperty("contacts").GetInt32(), progress.GetProperty("pending").GetInt32()));
        Assert.Equal(("09:30:00", "America/Chicago", "00:45:00"), (campaign.GetProperty("rules").GetProperty("windowStart").GetString(),
            campaign.GetProperty("rules").GetProperty("timeZone").GetString(), campaign.GetProperty("rules").GetProperty("retryAfter").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var id = campaign.GetProperty("id").GetInt64();
        var listed = await viewer.GetFromJsonAsync<JsonElement>(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("campaign").GetProperty("id").GetInt64() == id);
        var contacts = await viewer.GetFromJsonAsync<JsonElement>(new Uri($"/api/campaigns/{id}/contacts", UriKind.Relative));
        Assert.Equal(["+15550170001", "+15550170002"], contacts.EnumerateArray().Select(c => c.GetProperty("phone").GetString()));

        using var added = await supervisor.PostAsJsonAsync(new Uri($"/api/campaigns/{id}/contacts", UriKind.Relative),
            new[] { new { phone = "+15550170002" }, new { phone = "+15550170003" } });
        Assert.Equal((1, 1), await added.Content.ReadFromJsonAsync<JsonElement>() is var a ? (a.GetProperty("added").GetInt32(), a.GetProperty("skipped").GetInt32()) : default);
    }

    [Theory]
    [InlineData("""{"name":"bad-1","kind":"reminder","purpose":"x","windowStart":"20:00","windowEnd":"09:00"}""", "must end after it starts")]
    [InlineData("""{"name":"bad-2","kind":"reminder","purpose":"x","windowStart":"9am"}""", "HH:mm")]
    [InlineData("""{"name":"bad-3","kind":"reminder","purpose":"x","timeZone":"Moon/Tranquility"}""", "is not a time zone")]
    [InlineData("""{"name":"bad-4","kind":"reminder","purpose":"x","callsPerSecond":50}""", "callsPerSecond")]
    [InlineData("""{"name":"bad-5","kind":"reminder","purpose":" "}""", "purpose is required")]
    [InlineData("""{"name":"bad-6","purpose":"x"}""", "kind is required")]
    [InlineData("""{"name":"bad-7","kind":"reminder","purpose":"x","contacts":[{"phone":"+15550170009"},{"phone":"555-0100"}]}""", "Contact 2: '555-0100' is not an E.164 number")]
    [InlineData("""{"name":"bad-8","kind":"reminder","purpose":"x","contacts":[{"phone":"+15550170009","customerId":999999}]}""", "customer that does not exist")]
    public async Task ABadCampaignIsRefusedSayingWhat(string body, string reason)
    {
        using var supervisor = console.ClientFor(console.Supervisor);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await supervisor.PostAsync(new Uri("/api/campaigns", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACampaignThatCannotDialIsNotStartedAndAnUnknownOneIsNotFound()
    {
        using var supervisor = console.ClientFor(console.Supervisor);
        using var viewer = console.ClientFor(console.Viewer);
        using var created = await supervisor.PostAsJsonAsync(new Uri("/api/campaigns", UriKind.Relative), Campaign("api-2", new { phone = "+15550170011" }));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaign").GetProperty("id").GetInt64();

        using var byViewer = await viewer.PostAsync(new Uri($"/api/campaigns/{id}/start", UriKind.Relative), null);
        using var start = await supervisor.PostAsync(new Uri($"/api/campaigns/{id}/start", UriKind.Relative), null);
        using var resume = await supervisor.PostAsync(new Uri($"/api/campaigns/{id}/resume", UriKind.Relative), null);
        using var cancel = await supervisor.PostAsync(new Uri($"/api/campaigns/{id}/cancel", UriKind.Relative), null);
        using var unknown = await supervisor.PostAsync(new Uri("/api/campaigns/999999/start", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Contains("Outbound calls need Twilio:AuthToken", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);   // a draft is started, not resumed
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("campaign").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var late = await supervisor.PostAsJsonAsync(new Uri($"/api/campaigns/{id}/contacts", UriKind.Relative), new[] { new { phone = "+15550170012" } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task TheDoNotCallListIsKeptBySupervisorsAndReadByAnyone()
    {
        using var supervisor = console.ClientFor(console.Supervisor);
        using var viewer = console.ClientFor(console.Viewer);

        using var byViewer = await viewer.PutAsync(new Uri("/api/do-not-call/+15550170021", UriKind.Relative), null);
        using var added = await supervisor.PutAsync(new Uri("/api/do-not-call/+15550170021", UriKind.Relative), null);
        using var notANumber = await supervisor.PutAsync(new Uri("/api/do-not-call/5550170021", UriKind.Relative), null);
        var listed = await viewer.GetFromJsonAsync<JsonElement>(new Uri("/api/do-not-call", UriKind.Relative));
        using var removed = await supervisor.DeleteAsync(new Uri("/api/do-not-call/+15550170021", UriKind.Relative));
        using var removedAgain = await supervisor.DeleteAsync(new Uri("/api/do-not-call/+15550170021", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Contains(listed.EnumerateArray(), e => e.GetProperty("phone").GetString() == "+15550170021" && e.GetProperty("source").GetString() == "operator");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
    }
}
