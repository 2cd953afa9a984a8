using VoiceGrains.Data.Orders;
using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// Changes to an order that has not shipped, on the demo data: an item to another variant of the same product (the
/// steel kettle, 34.99, to the matte black one, 38.99), once per order; and the payment method it is paid with. Each
/// caller calls from their own phone and gives their name and ZIP code: the two factors a change needs.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PendingOrderChangeTests(PostgresFixture postgres)
{
    const string SteelKettle = "KTL-210";
    const string BlackKettle = "KTL-211";

    [Fact]
    public async Task AnItemOfAPendingOrderIsChangedOnceAndTheOrderIsReadBackWithItsNewItemsAndTotal()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, customer, name, zip, quantity, phone) = await harness.DataSource.OrderWithAsync(SteelKettle, "pending");
        var totalBefore = await harness.DataSource.ScalarAsync<int>($"SELECT total_cents FROM orders WHERE id = {order}");
        var card = await harness.DataSource.ScalarAsync<string>($"SELECT description FROM payment_methods WHERE customer_id = {customer} AND kind = 'credit_card'");
        var agent = await harness.NewCallAsync(from: phone);

        var first = await agent.SayAsync($"Can I change the kettle in my order {order} to the matte black one? I'm {name}, zip code {zip}.");
        var confirm = first.Contains("Which payment method", StringComparison.Ordinal) ? await agent.SayAsync("My card, please.") : first;
        var done = await agent.SayAsync("Yes.");
        var again = await agent.SayAsync($"I'd also like to change the kettle in order {order} to the steel one.");

        var more = $"${4 * quantity}.00";
        Assert.Contains($"To confirm: change the Electric kettle to the Electric kettle, matte black in order {order}; items can be changed only once, so that's everything. The new items cost {more} more, charged to your {card}.", confirm);
        Assert.Contains($"Done. Order {order} now has", done);
        Assert.Contains("Electric kettle, matte black", done);
        Assert.Contains($"The difference of {more} will be charged to your {card}.", done);
        Assert.Contains("were already changed once", again);
        Assert.Equal(totalBefore + 400 * quantity, await harness.DataSource.ScalarAsync<int>($"SELECT total_cents FROM orders WHERE id = {order}"));
        Assert.Equal(BlackKettle, await harness.DataSource.ScalarAsync<string>($"SELECT new_skus[1] FROM order_item_changes WHERE order_id = {order}"));
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>($"SELECT count(*) FROM order_items WHERE order_id = {order} AND sku = '{SteelKettle}'"));
    }

    [Fact]
    public async Task APendingOrderIsPaidWithAnotherMethodOnFileAfterTheCallerSaysYes()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, customer, name, zip, _, phone) = await harness.DataSource.OrderWithAsync(SteelKettle, "pending");
        // One gift card, holding enough for the order: the seed's (if any) is replaced.
        await harness.DataSource.ScalarAsync<long>($"""
            WITH gone AS (DELETE FROM payment_methods WHERE customer_id = {customer} AND kind = 'gift_card')
            INSERT INTO payment_methods (customer_id, kind, description, balance_cents) VALUES ({customer}, 'gift_card', 'gift card', 1000000) RETURNING id
            """);
        var card = await harness.DataSource.ScalarAsync<string>($"SELECT description FROM payment_methods WHERE customer_id = {customer} AND kind = 'credit_card'");
        var agent = await harness.NewCallAsync(from: phone);

        var confirm = await agent.SayAsync($"Hi, I'm {name}, zip code {zip}. I'd like to pay for order {order} with my gift card instead.");
        var done = await agent.SayAsync("Yes please.");
        var after = await agent.SayAsync($"I want to pay for order {order} with my gift card.");

        Assert.Contains($"To confirm: pay order {order}", confirm);
        Assert.Contains($"with your gift card instead of your {card}. Shall I go ahead?", confirm);
        Assert.Contains($"Done. Order {order} will now be paid with your gift card.", done);
        Assert.Contains("is already paid with your gift card", after);
        Assert.Equal("gift_card", await harness.DataSource.ScalarAsync<string>(
            $"SELECT m.kind FROM orders o JOIN payment_methods m ON m.id = o.payment_method_id WHERE o.id = {order}"));
    }

    [Fact]
    public async Task ThePaymentRulesHoldInTheRepository()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var orders = harness.Service<OrderRepository>();
        var (pending, customer, _, _, _, _) = await harness.DataSource.OrderWithAsync(SteelKettle, "pending");
        var (delivered, deliveredTo, _, _, _, _) = await harness.DataSource.OrderWithAsync(SteelKettle);
        var card = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id = {customer} AND kind = 'credit_card'");
        var smallGiftCard = await harness.DataSource.ScalarAsync<long>(
            $"INSERT INTO payment_methods (customer_id, kind, description, balance_cents) VALUES ({customer}, 'gift_card', 'gift card', 1) RETURNING id");
        var someoneElses = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id <> {customer} LIMIT 1");
        var deliveredOwnersCard = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id = {deliveredTo} LIMIT 1");

        Assert.Equal(OrderChangeOutcome.SamePaymentMethod, (await orders.ChangePaymentMethodAsync(customer, pending, card, CancellationToken.None)).Outcome);
        Assert.Equal(OrderChangeOutcome.GiftCardBalanceTooLow, (await orders.ChangePaymentMethodAsync(customer, pending, smallGiftCard, CancellationToken.None)).Outcome);
        Assert.Equal(OrderChangeOutcome.PaymentMethodNotFound, (await orders.ChangePaymentMethodAsync(customer, pending, someoneElses, CancellationToken.None)).Outcome);
        Assert.Equal(OrderChangeOutcome.NotFound, (await orders.ChangePaymentMethodAsync(customer + 1, pending, card, CancellationToken.None)).Outcome);
        Assert.Equal(OrderChangeOutcome.NotAllowedInStatus, (await orders.ChangePaymentMethodAsync(deliveredTo, delivered, deliveredOwnersCard, CancellationToken.None)).Outcome);
        Assert.Equal(card, await harness.DataSource.ScalarAsync<long>($"SELECT payment_method_id FROM orders WHERE id = {pending}"));
    }

    [Fact]
    public async Task ClaudeChangesAnItemOfAPendingOrderThroughTheSameFunctions()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var (order, customer, name, zip, _, phone) = await harness.DataSource.OrderWithAsync(SteelKettle, "pending");
        var card = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id = {customer} AND kind = 'credit_card'");
        var agent = await harness.NewCallAsync(from: phone);

        server.Enqueue(Tool("customer_identify_caller_by_phone", new { }));
        server.Enqueue(Tool("customer_identify_caller", new { fullName = name, zip }));
        server.Enqueue(Tool("orders_change_items", new { orderNumber = order, itemNames = Kettle, newItemSkus = BlackKettleSku, paymentMethodId = card }));
        server.Enqueue(request => Text($"Done: {AnthropicProtocolServer.LastToolResult(request)!["swaps"]![0]}."));
        var reply = await agent.SayAsync($"I'm {name}, {zip}. Change the kettle in order {order} to the matte black one, on my card. Yes, I'm sure.");

        Assert.Equal("Done: the Electric kettle for the Electric kettle, matte black.", reply);
        Assert.Equal(BlackKettle, await harness.DataSource.ScalarAsync<string>($"SELECT new_skus[1] FROM order_item_changes WHERE order_id = {order}"));
    }

    static readonly string[] Kettle = ["kettle"];
    static readonly string[] BlackKettleSku = [BlackKettle];
}
