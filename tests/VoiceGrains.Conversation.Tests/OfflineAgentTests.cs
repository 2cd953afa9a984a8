using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// The offline engine holding whole conversations against the seeded database, through the same Semantic Kernel
/// function-calling path as Claude: the function calls land in function_calls and the changes in the domain tables.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OfflineAgentTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ACallerLooksUpAnOrderAndBooksAnAppointment()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var asked = await agent.SayAsync("Hi, where is my order one oh oh oh two?");
        var status = await agent.SayAsync("My name is Diego Brown and my zip code is 98101.");
        var offered = await agent.SayAsync("I'd also like to book a rug cleaning next Tuesday afternoon.");
        var confirm = await agent.SayAsync("The second one, please.");
        var booked = await agent.SayAsync("Yes.");

        Assert.Contains("full name and ZIP code", asked);
        Assert.Contains("Order 10002", status);
        Assert.Contains("shipped", status);
        Assert.Matches("tracking number 1Z999AA1[0-9]{10}", status);
        Assert.Contains("Which would you like?", offered);
        Assert.StartsWith("To confirm: a rug cleaning drop-off on Tuesday", confirm);
        Assert.StartsWith("You're all set", booked);
        Assert.Equal(1L, await harness.DataSource.ScalarAsync<long>(
            $"SELECT count(*) FROM appointments a JOIN customers c ON c.id = a.customer_id WHERE c.name = 'Diego Brown' AND a.call_sid = '{agent.Session.CallSid}' AND a.status = 'booked'"));
        Assert.Equal(
            ["customer_identify_caller_by_phone", "customer_identify_caller", "orders_get_order", "appointments_list_services", "appointments_find_free_slots", "appointments_book_appointment"],
            await harness.DataSource.ScalarAsync<string[]>($"SELECT array_agg(name ORDER BY called_at, id) FROM function_calls WHERE call_sid = '{agent.Session.CallSid}'"));
    }

    [Fact]
    public async Task ACallerFromTheirOwnNumberReschedulesThenCancelsTheirAppointment()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var phone = await harness.DataSource.ScalarAsync<string>(
            "SELECT c.phone FROM appointments a JOIN customers c ON c.id = a.customer_id WHERE a.status = 'booked' ORDER BY a.id LIMIT 1");
        var agent = await harness.NewCallAsync(phone);

        var offered = await agent.SayAsync("I need to reschedule my appointment to the earliest time available.");
        var confirm = await agent.SayAsync("The first one.");
        var moved = await agent.SayAsync("Yes, go ahead.");
        var cancelConfirm = await agent.SayAsync("Actually, please cancel my appointment.");
        var cancelled = await agent.SayAsync("Yes.");

        Assert.StartsWith("Hi ", offered);
        Assert.Contains("I have", offered);
        Assert.StartsWith("To confirm: move your", confirm);
        Assert.StartsWith("Done. Your", moved);
        Assert.StartsWith("To confirm: cancel your", cancelConfirm);
        Assert.Contains("is cancelled", cancelled);
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>(
            $"SELECT count(*) FROM appointments a JOIN customers c ON c.id = a.customer_id WHERE c.phone = '{phone}' AND a.status = 'booked'"));
    }

    [Fact]
    public async Task ATimeThatIsNotFreeIsSaidSoAndNeverSwappedForAnother()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync(from: "+15550100015");

        var offered = await agent.SayAsync("I'd like to book a rug cleaning next Tuesday afternoon.");
        var notFree = await agent.SayAsync("How about seven in the morning with Carla Singh?");
        var confirm = await agent.SayAsync("The first one then.");

        Assert.Contains("Which would you like?", offered);
        Assert.StartsWith("7 AM isn't free, but I have", notFree);
        Assert.DoesNotContain("To confirm", notFree);
        Assert.Contains("To confirm: a rug cleaning drop-off on Tuesday", confirm);
    }

    [Fact]
    public async Task ACallerWithoutTheOrderNumberNamesTheOrderByAnItemInIt()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, item, name, zip) = await harness.DataSource.OrderKnownByAnItemOnlyItHasAsync();
        var agent = await harness.NewCallAsync(from: await harness.DataSource.PhoneOfAsync(name));

        await agent.SayAsync($"I want to cancel an order. My name is {name}, zip code {zip}.");
        var listed = await agent.SayAsync("I don't have the order number.");
        var why = await agent.SayAsync($"The one with the {item.ToLowerInvariant()}.");

        Assert.Contains("Which one is it about?", listed);
        Assert.Contains($"the {item.ToLowerInvariant()}", listed);
        Assert.StartsWith("May I ask why", why);
        Assert.Contains($"order {order}", await agent.SayAsync("I ordered it by mistake."));
    }

    [Fact]
    public async Task MyOrderWithAnItemIsTheListedOrderHoldingItNotTheOneDiscussedLast()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, item, name, zip) = await harness.DataSource.OrderKnownByAnItemOnlyItHasAsync();
        var other = await harness.DataSource.ScalarAsync<long>($"""
            SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id
             WHERE c.name = '{name}' AND o.id <> {order} ORDER BY o.placed_at DESC LIMIT 1
            """);
        var agent = await harness.NewCallAsync(from: await harness.DataSource.PhoneOfAsync(name));

        var listed = await agent.SayAsync($"Can you list my recent orders? I'm {name}, zip code {zip}.");
        var first = await agent.SayAsync($"Tell me about order {other}.");
        var byItem = await agent.SayAsync($"Can you tell me about my order with the {item.ToLowerInvariant()}?");

        Assert.Contains($"order {order}", listed);
        Assert.StartsWith($"Order {other} was placed", first);
        Assert.StartsWith($"Order {order} was placed", byItem);
    }

    [Fact]
    public async Task CancellingJustSomeItemsIsRefusedAndNothingIsCancelled()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync(from: await harness.DataSource.PhoneOfAsync("Priya Patel"));
        var status = await harness.DataSource.ScalarAsync<string>("SELECT status FROM orders WHERE id = 10001");

        var refused = await agent.SayAsync("Can I cancel just the lamp from order 10001 and keep the rest?");
        var yes = await agent.SayAsync("Yes.");

        Assert.StartsWith("I can't cancel only some items of an order", refused);
        Assert.DoesNotContain("cancelled", yes);
        Assert.Equal(status, await harness.DataSource.ScalarAsync<string>("SELECT status FROM orders WHERE id = 10001"));
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>(
            $"SELECT count(*) FROM function_calls WHERE call_sid = '{agent.Session.CallSid}' AND name = 'orders_cancel_order'"));
    }

    [Fact]
    public async Task ACancellationNeedsAReasonAndAYes()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync(from: await harness.DataSource.PhoneOfAsync("Priya Patel"));

        await agent.SayAsync("I want to cancel an order. I'm Priya Patel, zip code 19103.");
        var why = await agent.SayAsync("Order 10001.");
        var confirm = await agent.SayAsync("I ordered it by mistake.");
        var kept = await agent.SayAsync("No, wait.");
        await agent.SayAsync("Cancel order 10001 please, I ordered it by mistake.");
        var done = await agent.SayAsync("Yes.");
        var after = await agent.SayAsync("What's the status of order 10001 now?");

        Assert.StartsWith("May I ask why", why);
        Assert.StartsWith("Just to confirm: cancel order 10001", confirm);
        Assert.StartsWith("Okay, I won't cancel order 10001", kept);
        Assert.StartsWith("Done. Order 10001 is now cancelled", done);
        // The order as it is after the change, not as it was read before it.
        Assert.Contains("and is cancelled", after);
        Assert.Equal("cancelled|ordered by mistake", await harness.DataSource.ScalarAsync<string>("SELECT status || '|' || cancel_reason FROM orders WHERE id = 10001"));
    }

    [Fact]
    public async Task AShippedOrderIsNotCancelledAndTheCallerHearsTheRule()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync(from: await harness.DataSource.PhoneOfAsync("Diego Brown"));

        await agent.SayAsync("Diego Brown, zip code 98101.");
        var refused = await agent.SayAsync("Please cancel order 10002, I no longer need it.");

        Assert.Equal("Order 10002 is shipped, so it can't be cancelled; only orders that haven't shipped yet can be. Is there anything else I can help with?", refused);
        Assert.Equal("shipped", await harness.DataSource.ScalarAsync<string>("SELECT status FROM orders WHERE id = 10002"));
    }

    [Fact]
    public async Task HoursHolidaysAndAnUnclearLineAreAnsweredWithoutIdentification()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var open = await agent.SayAsync("Are you open right now?");
        var saturday = await agent.SayAsync("What are your hours on Saturday?");
        var holidays = await agent.SayAsync("Are you closed for any holidays?");
        var unclear = await agent.SayAsync("The purple elephant sings at dawn.");
        var again = await agent.SayAsync("Sorry, can you repeat that?");

        Assert.Matches("^(Yes, we're open right now|We're closed right now)", open);
        Assert.Contains("from 10 AM to 4 PM", saturday);
        Assert.Contains("We're closed on", holidays);
        Assert.StartsWith("Sorry, I didn't quite get that.", unclear);
        Assert.Equal(unclear, again);
        Assert.Null(agent.Session.CustomerId);
    }

    [Fact]
    public async Task AReturnOfADeliveredOrderIsStartedForTheNamedItemsToTheChosenRefund()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, item, name, zip) = await harness.DataSource.FirstDeliveredMultiItemOrderAsync();
        var agent = await harness.NewCallAsync(from: await harness.DataSource.PhoneOfAsync(name));

        await agent.SayAsync($"Hi, I'd like to return something. My name is {name}, zip code {zip}.");
        var which = await agent.SayAsync($"Order {order}.");
        var refund = await agent.SayAsync($"Just the {item.ToLowerInvariant()}.");
        var confirm = await agent.SayAsync("Put it on a gift card.");
        var started = await agent.SayAsync("Yes please.");
        var after = await agent.SayAsync($"Can you read me order {order} again?");

        Assert.StartsWith("Which items would you like to return?", which);
        Assert.StartsWith("Should the refund go", refund);
        Assert.Contains($"the {item} at", confirm);
        Assert.StartsWith("To confirm: return", confirm);
        Assert.StartsWith("Your return is started", started);
        Assert.Contains("is delivered, with a return open", after);
        Assert.Equal("gift_card|1", await harness.DataSource.ScalarAsync<string>($"SELECT refund_to || '|' || cardinality(lines) FROM order_returns WHERE order_id = {order}"));
    }

    [Fact]
    public async Task GoodbyeAsksForARatingRecordsItAndEndsTheCall()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var ask = await agent.SayAsync("That's all, thanks. Bye!");
        var bye = await agent.SayAsync("Four.");
        var wrapUp = await agent.WrapUpAsync(CallOutcome.Completed, CancellationToken.None);

        Assert.Contains("from one to five", ask);
        Assert.Contains("Goodbye", bye);
        Assert.Equal(4, agent.Session.SatisfactionRating);
        Assert.NotNull(agent.Session.EndReason);
        Assert.Equal((short)4, await harness.DataSource.ScalarAsync<short>($"SELECT rating FROM csat_ratings WHERE call_sid = '{agent.Session.CallSid}'"));
        Assert.Contains("Rated 4 of 5", wrapUp.Summary);
    }

    [Fact]
    public async Task AskingForAPersonTransfersWithAReason()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var reply = await agent.SayAsync("This is useless, I want to speak to a real person!");

        Assert.Contains("transferring you", reply);
        Assert.NotNull(agent.Session.TransferReason);
        Assert.True(agent.LastReply!.CallerUnderstanding.Sentiment < 0);
        Assert.Equal("human", agent.LastReply.CallerUnderstanding.Intent);
    }

    [Fact]
    public async Task TheSummaryOfACallWhoseTransferFailedSaysSo()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();
        await agent.SayAsync("I want to speak to a real person!");

        var failed = await agent.WrapUpAsync(CallOutcome.TransferFailed, CancellationToken.None);
        var moved = await agent.WrapUpAsync(CallOutcome.Transferred, CancellationToken.None);

        Assert.Contains("but the transfer failed", failed.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("was transferred", failed.Summary, StringComparison.Ordinal);
        Assert.Contains("The call was transferred to a person", moved.Summary, StringComparison.Ordinal);
    }
}
