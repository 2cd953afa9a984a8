using VoiceGrains.Contracts.Customers;
using VoiceGrains.Data.Surveys;
using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// Surveys asked by the agent: on a survey campaign's call once the callee has time, or offered at the end of an
/// inbound call; answers said or keyed, each stored as it is given in its stored form, an unclear one asked again, a
/// low score opening a follow-up; a callee who declines, opts out by voice or by the opt-out key.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SurveyCallTests(PostgresFixture postgres)
{
    const string Callee = "+15550140002";

    internal static readonly SurveyDefinition Feedback = new("Delivery feedback", SurveyKind.Survey,
    [
        new SurveyQuestion(1, QuestionKind.Rating, "How would you rate your last delivery?", [], new Dictionary<string, int>()),
        new SurveyQuestion(2, QuestionKind.Nps, "How likely are you to recommend us to a friend?", [], new Dictionary<string, int>()),
        new SurveyQuestion(3, QuestionKind.YesNo, "Did your order arrive on time?", [], new Dictionary<string, int>()),
        new SurveyQuestion(4, QuestionKind.Choice, "How did you first hear about us?", ["a friend", "the website", "an advert"], new Dictionary<string, int>()),
        new SurveyQuestion(5, QuestionKind.Open, "Is there anything we could do better?", [], new Dictionary<string, int>()),
    ], FollowUpAtOrBelow: 2);

    [Fact]
    public async Task TheOfflineAgentAsksEveryQuestionAndStoresEachAnswerInItsStoredForm()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Feedback, CancellationToken.None))!;
        var agent = await harness.NewCallAsync(Callee, purpose: "a short survey about your last delivery", surveyId: survey.Id);
        Assert.Contains("press 9", agent.Greeting, StringComparison.Ordinal);

        Assert.Contains("How would you rate your last delivery?", await agent.SayAsync("Yes, sure, go ahead."));
        Assert.Contains("Please give one number from one to five", await agent.SayAsync("Pretty good I guess."));
        Assert.Contains("recommend us", await agent.SayAsync("I'd give it four out of five."));
        Assert.Contains("arrive on time", await agent.KeyAsync("9"));
        Assert.Contains("hear about us", await agent.SayAsync("Yes it did."));
        Assert.Contains("do better", await agent.KeyAsync("2"));
        var last = await agent.SayAsync("The driver was rude and the box was damaged.");

        Assert.Contains("Goodbye", last, StringComparison.Ordinal);
        Assert.NotNull(agent.Session.EndReason);
        var answers = await harness.DataSource.ScalarAsync<string>(
            "SELECT string_agg(position || '=' || answer || '/' || coalesce(value::text, '-') || (CASE WHEN keyed THEN 'k' ELSE '' END), ' ' ORDER BY position) FROM survey_answers");
        Assert.Equal("1=4/4 2=9/9k 3=yes/1 4=the website/2k 5=The driver was rude and the box was damaged./-", answers);
        Assert.True(await harness.DataSource.ScalarAsync<float>("SELECT sentiment FROM survey_answers WHERE position = 5") < 0);
        Assert.True(await harness.DataSource.ScalarAsync<bool>("SELECT completed_at IS NOT NULL AND NOT declined FROM survey_responses"));
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM do_not_call"));
    }

    [Fact]
    public async Task ALowScoreOpensAFollowUpForTheCustomer()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Feedback, CancellationToken.None))!;
        var customer = await harness.DataSource.ScalarAsync<long>("SELECT id FROM customers WHERE phone = '+15550100015'");
        var context = new CustomerContext(new CustomerProfile(customer, "+15550100015", null, null, null, "{}", null), [], []);
        var agent = await harness.NewCallAsync("+15550100015", purpose: "a short survey", surveyId: survey.Id, customer: context);

        await agent.SayAsync("Yes.");
        await agent.SayAsync("Two. It was bad.");

        var reason = await harness.DataSource.ScalarAsync<string>($"SELECT reason FROM follow_ups WHERE customer_id = {customer} AND status = 'open' ORDER BY id DESC LIMIT 1");
        Assert.Equal("Survey \"Delivery feedback\": answered 2 to \"How would you rate your last delivery?\"", reason);
    }

    [Fact]
    public async Task ACalleeWithoutTimeDeclinesAndTheCallEnds()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Feedback, CancellationToken.None))!;
        var agent = await harness.NewCallAsync(Callee, purpose: "a short survey", surveyId: survey.Id);

        var reply = await agent.SayAsync("No, sorry, I'm busy.");

        Assert.Contains("Thank you for your time", reply, StringComparison.Ordinal);
        Assert.NotNull(agent.Session.EndReason);
        Assert.True(await harness.DataSource.ScalarAsync<bool>("SELECT declined FROM survey_responses"));
    }

    [Fact]
    public async Task TheOptOutKeyPutsTheNumberOnTheListButIsAnAnswerDuringTheSurvey()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Feedback, CancellationToken.None))!;

        var answering = await harness.NewCallAsync(Callee, purpose: "a short survey", surveyId: survey.Id);
        await answering.SayAsync("Yes.");
        await answering.KeyAsync("9");
        Assert.Null(answering.Session.EndReason);
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM do_not_call"));

        var optingOut = await harness.NewCallAsync(Callee, purpose: "a short survey", surveyId: survey.Id);
        var reply = await optingOut.KeyAsync("9");

        Assert.Equal(ConversationAgent.OptedOut, reply);
        Assert.NotNull(optingOut.Session.EndReason);
        Assert.Equal("callee", await harness.DataSource.ScalarAsync<string>($"SELECT source FROM do_not_call WHERE phone = '{Callee}'"));
        Assert.Contains(optingOut.Session.FunctionCalls, c => c.Name == "call_do_not_call_again");
    }

    [Fact]
    public async Task AnInboundCallerIsOfferedTheConfiguredSurveyInsteadOfTheRating()
    {
        await using var harness = await AgentHarness.StartAsync(postgres, new Dictionary<string, string?> { ["Agent:SurveyAfterCalls"] = Feedback.Name });
        await harness.Service<SurveyRepository>().CreateAsync(Feedback, CancellationToken.None);
        var agent = await harness.NewCallAsync(Callee);
        Assert.DoesNotContain("press 9", agent.Greeting, StringComparison.Ordinal);

        Assert.Contains("would you answer 5 short questions", await agent.SayAsync("That's all, goodbye."));
        Assert.Contains("How would you rate", await agent.SayAsync("Okay."));
        await agent.SayAsync("Five.");

        Assert.Equal("5", await harness.DataSource.ScalarAsync<string>("SELECT answer FROM survey_answers WHERE position = 1"));
        // The keypad is the survey's here: an inbound call has no opt-out key.
        Assert.Contains("arrive on time", await agent.KeyAsync("9"));
    }

    [Fact]
    public async Task ClaudesAnswersPassThroughTheSameReaderAndTheQuestionsComeFromTheFunctions()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Feedback, CancellationToken.None))!;
        var agent = await harness.NewCallAsync(Callee, purpose: "a short survey", surveyId: survey.Id);

        server.Enqueue(Tool("survey_start", new { }));
        server.Enqueue(Text("Great. How would you rate your last delivery, from one to five?"));
        await agent.SayAsync("Sure.");
        server.Enqueue(Tool("survey_record_answer", new { question = 1, answer = "a solid four" }));
        server.Enqueue(Text("Thanks. How likely are you to recommend us?"));
        await agent.SayAsync("A solid four.");
        server.Enqueue(Tool("survey_record_answer", new { question = 2, answer = "maybe" }));
        server.Enqueue(Text("Sorry, from zero to ten?"));
        await agent.SayAsync("Maybe.");

        Assert.Equal("4", await harness.DataSource.ScalarAsync<string>("SELECT answer FROM survey_answers WHERE position = 1"));
        Assert.Equal(1L, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM survey_answers"));
        var system = server.Requests[0]["system"]!.ToJsonString();
        Assert.Contains("survey_record_answer", system, StringComparison.Ordinal);
        Assert.Contains("Delivery feedback", system, StringComparison.Ordinal);
        // The function's answer to Claude carries the next question's wording, and the reader's hint for an unclear one.
        Assert.Contains("recommend us to a friend", server.Requests[3].ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("one number from zero to ten", server.Requests[5].ToJsonString(), StringComparison.Ordinal);
    }
}
