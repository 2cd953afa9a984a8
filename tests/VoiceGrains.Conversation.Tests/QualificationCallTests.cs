using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// Lead qualification: the qualifying questions' answers score into a grade on the lead's record; a hot lead is
/// offered a demo, booked (and confirmed by text) through the ordinary appointment functions, or the sales team.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QualificationCallTests(PostgresFixture postgres)
{
    // A customer of the demo data: identification by phone finds them when the demo is booked.
    const string Lead = "+15550100015";

    static readonly SurveyDefinition Qualifying = new("Qualifying", SurveyKind.Qualification,
    [
        new SurveyQuestion(1, QuestionKind.YesNo, "Do you have a budget set aside for this?", [], new Dictionary<string, int> { ["yes"] = 40 }),
        new SurveyQuestion(2, QuestionKind.Choice, "When are you looking to start?", ["this month", "this quarter", "next year"],
            new Dictionary<string, int> { ["this month"] = 40, ["this quarter"] = 20 }),
        new SurveyQuestion(3, QuestionKind.YesNo, "Are you the one who decides on the purchase?", [], new Dictionary<string, int> { ["yes"] = 20 }),
    ], HotAt: 80, WarmAt: 40);

    // A demo service with its own staff member and five slots a week out.
    const string DemoSlots = """
        WITH demo AS (INSERT INTO services (name, duration_minutes, price_cents) VALUES ('Demo', 30, 0) RETURNING id),
             host AS (INSERT INTO staff (name) VALUES ('Erin Park') RETURNING id),
             staffed AS (INSERT INTO staff_services (staff_id, service_id) SELECT host.id, demo.id FROM host, demo RETURNING 1),
             slots AS (INSERT INTO appointment_slots (staff_id, service_id, starts_at, ends_at)
                       SELECT host.id, demo.id, s.starts_at + interval '7 days', s.starts_at + interval '7 days 30 minutes'
                         FROM host, demo, (SELECT DISTINCT starts_at FROM appointment_slots WHERE starts_at > now() + interval '1 day' ORDER BY starts_at LIMIT 5) s
                       RETURNING 1)
        SELECT count(*) FROM slots
        """;

    [Fact]
    public async Task AHotLeadIsGradedAndBooksADemo()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        Assert.Equal(5L, await harness.DataSource.ScalarAsync<long>(DemoSlots));
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Qualifying, CancellationToken.None))!;
        var agent = await harness.NewCallAsync(Lead, purpose: "a few questions about your project", surveyId: survey.Id);

        await agent.SayAsync("Yes, go on.");
        await agent.SayAsync("Yes, we do.");
        await agent.SayAsync("This month, ideally.");
        Assert.Contains("book a demo", await agent.SayAsync("Yes, that's me."));
        Assert.Contains("Which would you like", await agent.SayAsync("A demo, please."));
        Assert.Contains("Shall I book it", await agent.SayAsync("The first one."));
        await agent.SayAsync("Yes.");

        Assert.Equal("100 hot demo_booked Demo", await harness.DataSource.ScalarAsync<string>("""
            SELECT l.score || ' ' || l.grade || ' ' || l.next_step || ' ' || sv.name
              FROM leads l JOIN appointments a ON a.id = l.demo_appointment_id
              JOIN appointment_slots s ON s.id = a.slot_id JOIN services sv ON sv.id = s.service_id
            """));
        // The booking is confirmed by text to the number on file, queued for the silos to send.
        Assert.StartsWith("Northwind Home Goods: your Demo with Erin Park is booked for ", await harness.DataSource.ScalarAsync<string>(
            $"SELECT body FROM text_messages WHERE phone = '{Lead}' AND reason = 'appointment_booked'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHotLeadCanGoToSalesInstead()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Qualifying, CancellationToken.None))!;
        var agent = await harness.NewCallAsync(Lead, purpose: "a few questions about your project", surveyId: survey.Id);

        await agent.SayAsync("Sure.");
        await agent.KeyAsync("1");
        await agent.KeyAsync("1");
        await agent.SayAsync("Yes.");
        await agent.SayAsync("Could I speak to someone from sales right now?");

        Assert.True(agent.Session.TransferToSales);
        Assert.Equal("hot transferred_to_sales", await harness.DataSource.ScalarAsync<string>("SELECT grade || ' ' || next_step FROM leads"));
    }

    [Fact]
    public async Task AnInboundCallerIsQualifiedAsALeadWhenTheSetAfterCallsIsAQualification()
    {
        await using var harness = await AgentHarness.StartAsync(postgres, new Dictionary<string, string?> { ["Agent:SurveyAfterCalls"] = Qualifying.Name });
        await harness.Service<SurveyRepository>().CreateAsync(Qualifying, CancellationToken.None);
        var agent = await harness.NewCallAsync(Lead);

        Assert.Contains("so we can see how best to help you", await agent.SayAsync("Thanks, that's all. Bye."));
        await agent.SayAsync("Sure.");
        await agent.SayAsync("Yes.");
        await agent.SayAsync("This quarter.");
        await agent.SayAsync("No.");

        Assert.Equal("60 warm", await harness.DataSource.ScalarAsync<string>($"SELECT score || ' ' || grade FROM leads WHERE phone = '{Lead}'"));
    }

    [Fact]
    public async Task AColdLeadIsRecordedAndTheCallEnds()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var survey = (await harness.Service<SurveyRepository>().CreateAsync(Qualifying, CancellationToken.None))!;
        var agent = await harness.NewCallAsync(Lead, purpose: "a few questions about your project", surveyId: survey.Id);

        await agent.SayAsync("Okay.");
        await agent.SayAsync("No, not yet.");
        await agent.SayAsync("Next year.");
        var last = await agent.SayAsync("No, my boss does.");

        Assert.Contains("Goodbye", last, StringComparison.Ordinal);
        Assert.False(agent.Session.TransferToSales);
        Assert.Equal("0 cold", await harness.DataSource.ScalarAsync<string>("SELECT score || ' ' || grade FROM leads WHERE next_step IS NULL"));
    }
}
