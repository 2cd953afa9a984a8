using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CallsApiTests(ConsoleFixture console)
{
    IGrainFactory Grains => console.Factory.Services.GetRequiredService<IGrainFactory>();

    async Task<string> StartCallAsync(string from)
    {
        var sid = "CA" + Guid.NewGuid().ToString("N");
        var call = Grains.GetGrain<ICallGrain>(sid);
        await call.StartAsync(new CallStart(CallDirection.Inbound, from, "+15550100000"));
        await call.GreetAsync();
        return sid;
    }

    [Fact]
    public async Task HealthSaysHealthy()
    {
        using var client = console.ClientFor(console.Viewer);

        var response = await client.GetStringAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal("Healthy", response);
    }

    [Fact]
    public async Task OneCallComesFromItsGrainWithItsTurns()
    {
        using var client = console.ClientFor(console.Viewer);
        var sid = await StartCallAsync("+15550100012");

        var call = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{sid}");

        Assert.Equal(sid, call.GetProperty("callSid").GetString());
        Assert.Equal("greeting", call.GetProperty("status").GetString());
        Assert.Equal("inbound", call.GetProperty("direction").GetString());
        var turn = Assert.Single(call.GetProperty("turns").EnumerateArray());
        Assert.Equal("agent", turn.GetProperty("speaker").GetString());
        Assert.StartsWith("Thanks for calling Northwind Home Goods.", turn.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAgentsFunctionCallsOfACallAreListedAndAnUnknownCallsAreNotFound()
    {
        using var client = console.ClientFor(console.Viewer);
        var sid = await StartCallAsync("+15550199997");
        var call = Grains.GetGrain<ICallGrain>(sid);

        await Grains.GetGrain<ICallHearingGrain>(sid).HearAsync(new NewTurn(Speaker.Caller, "Are you open right now?", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
        for (var i = 0; i < 100 && (await call.GetSnapshotAsync())!.Turns.Count < 3; i++)
        {
            await Task.Delay(100);
        }
        var functionCalls = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{sid}/function-calls");
        var unknown = await client.GetAsync(new Uri($"/api/calls/CA{Guid.NewGuid():N}/function-calls", UriKind.Relative));

        var called = Assert.Single(functionCalls.EnumerateArray());
        Assert.Equal("hours_is_open_now", called.GetProperty("name").GetString());
        Assert.True(called.GetProperty("success").GetBoolean());
        Assert.Equal(1, called.GetProperty("turnSeq").GetInt32());
        Assert.Matches("^(Yes, we're open|We're closed)", (await call.GetSnapshotAsync())!.Turns[2].Text);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task TheListIsNewestFirstAndActiveLeavesOutEndedCalls()
    {
        using var client = console.ClientFor(console.Viewer);
        var older = await StartCallAsync("+15550100013");
        var ended = await StartCallAsync("+15550100014");
        var newest = await StartCallAsync("+15550100015");
        await Grains.GetGrain<ICallGrain>(ended).EndAsync(CallOutcome.NoAnswer);

        var all = (await client.GetFromJsonAsync<JsonElement>("/api/calls?limit=500")).EnumerateArray().Select(c => c.GetProperty("callSid").GetString()).ToList();
        var active = (await client.GetFromJsonAsync<JsonElement>("/api/calls?active=true&limit=500")).EnumerateArray().Select(c => c.GetProperty("callSid").GetString()).ToList();

        Assert.True(all.IndexOf(newest) < all.IndexOf(ended) && all.IndexOf(ended) < all.IndexOf(older));
        Assert.Contains(older, active);
        Assert.Contains(newest, active);
        Assert.DoesNotContain(ended, active);
        // Outcomes are spelled as the calls table spells them.
        Assert.Equal("no_answer", (await client.GetFromJsonAsync<JsonElement>($"/api/calls/{ended}")).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task AnUnknownCallIsNotFoundAndWhatIsNoCallSidABadRequest()
    {
        using var client = console.ClientFor(console.Viewer);

        var unknown = await client.GetAsync(new Uri($"/api/calls/CA{Guid.NewGuid():N}", UriKind.Relative));
        var malformed = await client.GetAsync(new Uri("/api/calls/CA-never-happened", UriKind.Relative));
        var escaping = await client.GetAsync(new Uri("/api/calls/..%2F..%2Fetc%2Fpasswd/function-calls", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, escaping.StatusCode);
    }

    [Fact]
    public async Task TheListFiltersByDirectionOutcomeCustomerAndTime()
    {
        using var client = console.ClientFor(console.Viewer);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ended = await StartCallAsync("+15550100016");
        await Grains.GetGrain<ICallGrain>(ended).EndAsync(CallOutcome.Busy);
        var ongoing = await StartCallAsync("+15550100016");
        var customer = (await Grains.GetGrain<ICallGrain>(ended).GetSnapshotAsync())!.CustomerId;
        var time = Uri.EscapeDataString(since.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

        async Task<List<string?>> SidsAsync(string query) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/calls?limit=500&{query}")).EnumerateArray().Select(c => c.GetProperty("callSid").GetString()).ToList();

        var busy = await SidsAsync($"outcome=busy&from={time}");
        var theirs = await SidsAsync($"customer={customer}&from={time}");
        var outbound = await SidsAsync($"direction=outbound&from={time}");
        var before = await SidsAsync($"to={time}");
        var bad = await client.GetAsync(new Uri("/api/calls?outcome=happy", UriKind.Relative));

        Assert.Equal([ended], busy);
        Assert.Equal([ongoing, ended], theirs);
        Assert.Empty(outbound);
        Assert.DoesNotContain(ended, before);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("no_answer", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("-3")]
    public async Task AnOutOfRangeLimitIsABadRequestThatSaysWhy(string limit)
    {
        using var client = console.ClientFor(console.Viewer);

        var response = await client.GetAsync(new Uri($"/api/calls?limit={limit}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit must be between 1 and 500", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonNumericLimitIsABadRequest()
    {
        using var client = console.ClientFor(console.Viewer);

        var response = await client.GetAsync(new Uri("/api/calls?limit=lots", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
