using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests.Knowledge;

/// <summary>
/// Questions about the demo business's policies, answered from its seeded knowledge base (db/seed/knowledge) by both
/// engines; what the documents do not say is refused, and hours still come from the calendar.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class KnowledgeAnswerTests(PostgresFixture postgres)
{
    const string DoNotKnow = "I'm sorry, I don't have that information.";

    [Fact]
    public async Task TheOfflineEngineAnswersAPolicyQuestionAndTellsMoreWhenAsked()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var policy = await agent.SayAsync("Hi, what's your return policy?");
        var more = await agent.SayAsync("Yes, tell me more.");
        var refund = await agent.SayAsync("How long does a refund to my credit card take?");

        Assert.StartsWith("You can return items from an order once it has been delivered.", policy);
        Assert.EndsWith("Would you like to hear more about that?", policy);
        // More reads on into the section's next passages, without repeating what the answer said (the answer may carry
        // the passage's next sentence as its runner-up).
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(policy + more, "You can return the whole order or only some of its items"));
        Assert.Contains("Items should be unused and in their original packaging", more);
        Assert.Contains("5 to 7 business days", refund);
        Assert.Null(agent.Session.CustomerId);
        var logged = await harness.DataSource.ScalarAsync<string[]>(
            $"SELECT array_agg(name || ':' || success ORDER BY called_at, id) FROM function_calls WHERE call_sid = '{agent.Session.CallSid}'");
        Assert.Equal(["knowledge_answer_question:true", "knowledge_answer_question:true"], logged);
    }

    [Fact]
    public async Task AQuestionTheDocumentsDoNotAnswerIsRefusedAndAPersonOffered()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var loyalty = await agent.SayAsync("Do you have a loyalty program?");
        var yes = await agent.SayAsync("Yes please.");

        Assert.StartsWith(DoNotKnow, loyalty);
        Assert.Contains("member of our team", loyalty);
        Assert.Contains("transferring you", yes);
        Assert.NotNull(agent.Session.TransferReason);
    }

    [Fact]
    public async Task AQuestionWithARequestIsAnsweredThenTheRequestIsCarriedOn()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var reply = await agent.SayAsync("I want to return a lamp. Is there a restocking fee?");
        var hours = await agent.SayAsync("What are your hours on Saturday?");

        Assert.StartsWith("There is no restocking fee, and return shipping is free", reply);
        Assert.Contains("verify your identity", reply);
        // Hours come from the calendar, never from a document.
        Assert.Contains("from 10 AM to 4 PM", hours);
    }

    [Fact]
    public async Task ClaudeGetsThePassagesAndItsAnswerIsSpoken()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var agent = await harness.NewCallAsync();

        server.Enqueue(Tool("knowledge_answer_question", new { question = "Is there a warranty on the kettle?" }));
        server.Enqueue(request =>
        {
            var passages = AnthropicProtocolServer.LastToolResult(request)!["passages"]!.AsArray();
            var kettle = passages.Select(p => (string)p!["text"]!).First(t => t.Contains("kettle", StringComparison.Ordinal));
            return Text(kettle.Contains("two-year warranty", StringComparison.Ordinal) ? "Yes, the kettle has a two-year warranty." : "I don't know.");
        });
        var warranty = await agent.SayAsync("Is there a warranty on the kettle?");

        server.Enqueue(Tool("knowledge_answer_question", new { question = "Do you have a loyalty program?" }));
        server.Enqueue(request => Text(AnthropicProtocolServer.LastToolResult(request)!["advice"] is null
            ? "We have a loyalty program." : "I'm sorry, I don't know that. Shall I put you through to someone?"));
        var loyalty = await agent.SayAsync("Do you have a loyalty program?");

        Assert.Equal("Yes, the kettle has a two-year warranty.", warranty);
        Assert.Equal("I'm sorry, I don't know that. Shall I put you through to someone?", loyalty);
        var tools = server.Requests[0]["tools"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
        Assert.Contains("knowledge_answer_question", tools);
        Assert.Contains("knowledge_answer_question", server.Requests[0]["system"]!.ToJsonString());
    }
}
