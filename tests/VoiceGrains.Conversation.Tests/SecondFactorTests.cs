using VoiceGrains.Data.Messaging;
using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// One factor reads, two change: the demo's Priya Patel (priya.patel8@example.com, 19103) calls from a number that is
/// not on file, so caller ID gives her nothing; order 10001 is hers and processing (not shipped).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecondFactorTests(PostgresFixture postgres)
{
    const string Email = "priya.patel8@example.com";

    [Fact]
    public async Task AClaudeThatCancelsWithOneFactorIsRefusedByTheFunctionAndTheOrderStays()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var agent = await harness.NewCallAsync();

        server.Enqueue(Tool("customer_identify_caller_by_email", new { email = Email }));
        server.Enqueue(Tool("orders_get_order", new { orderNumber = 10001 }));
        server.Enqueue(Tool("orders_cancel_order", new { orderNumber = 10001, reason = "no longer needed" }));
        server.Enqueue(request => Text((string)AnthropicProtocolServer.LastToolResult(request)!["reason"]!));
        var reply = await agent.SayAsync($"My email is {Email}. Cancel order 10001, I no longer need it. Yes, go ahead.");

        Assert.Equal("Before I change anything I need one more check.", reply);
        Assert.False(agent.Session.MayChange);
        Assert.Equal("processing", await harness.DataSource.ScalarAsync<string>("SELECT status FROM orders WHERE id = 10001"));
        Assert.Contains("need a second factor", server.Requests[0]["system"]!.ToJsonString());
    }

    [Fact]
    public async Task EmailThenNameAndZipAreTwoFactorsAndNoCodeIsTexted()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var ask = await agent.SayAsync($"I want to cancel order 10001. My email is {Email}.");
        var why = await agent.SayAsync("Priya Patel, 19103.");

        Assert.Contains("one more check: your full name and ZIP code, or I can text a code", ask);
        Assert.StartsWith("Thanks, that's confirmed. May I ask why", why);
        Assert.True(agent.Session.MayChange);
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM text_messages WHERE reason = 'verification_code'"));
    }

    [Fact]
    public async Task NoCodeIsTextedToANumberThatStoppedTextsNorToACallerNobodyVerified()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        // The function itself, as Claude could call it on a call nobody has verified: refused, nothing queued.
        var calendar = (await harness.Service<Data.Business.BusinessRepository>().GetCalendarAsync(CancellationToken.None))!;
        var nobody = new Functions.CustomerPlugin(
            new CallerSession("CAnobody", "+15550199999"), harness.Service<Data.Customers.CustomerRepository>(),
            harness.Service<Data.Payments.PaymentMethodRepository>(), harness.Service<TextMessageRepository>(), calendar, TimeProvider.System);
        var refused = await nobody.SendVerificationCodeAsync(CancellationToken.None);

        var phone = await harness.DataSource.PhoneOfAsync("Priya Patel");
        await harness.Service<TextMessageRepository>().OptOutAsync(phone, CancellationToken.None);
        var agent = await harness.NewCallAsync();
        await agent.SayAsync($"I want to cancel order 10001. My email is {Email}.");
        var stopped = await agent.SayAsync("Text me the code.");

        Assert.Same(Functions.Refusal.NotIdentified, refused);
        Assert.StartsWith("I can't text a code to the number on your account, as texts to it are turned off.", stopped);
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM text_messages WHERE reason = 'verification_code'"));
    }

    [Fact]
    public void ATextedCodeIsGoodForTenMinutesAndThreeTries()
    {
        var now = DateTimeOffset.UtcNow;
        var code = TextedCode.Issue(now);
        var late = TextedCode.Issue(now);
        var guessed = TextedCode.Issue(now);

        Assert.Matches("^[0-9]{6}$", code.Digits);
        Assert.Equal(TextedCodeCheck.Matches, code.Check($"it's {string.Join(' ', code.Digits.ToCharArray())}", now.AddMinutes(9)));
        Assert.Equal(TextedCodeCheck.Spent, late.Check(late.Digits, now + TextedCode.Lifetime + TimeSpan.FromSeconds(1)));
        Assert.Equal(TextedCodeCheck.Wrong, guessed.Check(Other(guessed.Digits), now));
        Assert.Equal(TextedCodeCheck.Wrong, guessed.Check(Other(guessed.Digits), now));
        Assert.Equal(TextedCodeCheck.Spent, guessed.Check(Other(guessed.Digits), now));
        Assert.Equal(TextedCodeCheck.Spent, guessed.Check(guessed.Digits, now));
    }

    static string Other(string digits) => digits[0] == '0' ? "1" + digits[1..] : "0" + digits[1..];
}
