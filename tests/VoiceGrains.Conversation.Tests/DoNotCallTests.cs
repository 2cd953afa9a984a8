using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// A callee who asks not to be called again: their number (the call's, never one they say) goes on the do-not-call
/// list, the agent apologises and the call ends, with either engine.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DoNotCallTests(PostgresFixture postgres)
{
    const string Callee = "+15550140001";

    [Theory]
    [InlineData("Please don't call me again.")]
    [InlineData("Stop calling me, take me off your list.")]
    [InlineData("Can you remove my number from your calling list? Thanks.")]
    public async Task TheOfflineAgentPutsTheCallersOwnNumberOnTheListAndEndsTheCall(string line)
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync(from: Callee);

        var reply = await agent.SayAsync(line);

        Assert.Contains("won't call you again", reply);
        Assert.NotNull(agent.Session.EndReason);
        Assert.Equal("callee", await harness.DataSource.ScalarAsync<string>($"SELECT source FROM do_not_call WHERE phone = '{Callee}'"));
    }

    [Theory]
    [InlineData("Don't call me back, I'll ring you. Where is my order 10002?")]
    [InlineData("What are your opening hours?")]
    public async Task OtherLinesPutNobodyOnTheList(string line)
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync(from: Callee);

        await agent.SayAsync(line);

        Assert.Null(agent.Session.EndReason);
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM do_not_call"));
    }

    [Fact]
    public async Task ClaudeCallsTheFunctionAndTheCallEnds()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var agent = await harness.NewCallAsync(from: Callee);

        server.Enqueue(Tool("call_do_not_call_again", new { }));
        server.Enqueue(Text("Of course, I'm sorry to have bothered you. Goodbye."));
        await agent.SayAsync("Never call this number again.");

        Assert.NotNull(agent.Session.EndReason);
        Assert.Equal(1L, await harness.DataSource.ScalarAsync<long>($"SELECT count(*) FROM do_not_call WHERE phone = '{Callee}'"));
        Assert.Contains("call_do_not_call_again", server.Requests[0]["system"]!.ToJsonString());
    }
}
