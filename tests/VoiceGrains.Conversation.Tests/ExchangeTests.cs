using System.Text.Json.Nodes;
using VoiceGrains.Data.Orders;
using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// Exchanging a delivered item for another variant of the same product, on the demo data: the brass desk lamp
/// (49.99) also comes in black and white (45.99), not in copper (sold out). Both engines, and the rules the
/// repository enforces whatever an engine asks.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ExchangeTests(PostgresFixture postgres)
{
    const string BrassLamp = "LMP-100";
    const string BlackLamp = "LMP-101";
    const string CopperLamp = "LMP-103";
    static readonly string[] LampByName = ["desk lamp"];
    static readonly string[] BlackLampSku = [BlackLamp];

    [Fact]
    public async Task CanISwapThisLampForTheBlackOneIsAnExchangeWithTheDifferenceSaidFirst()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, customer, name, zip, quantity, _) = await harness.DataSource.OrderWithAsync(BrassLamp);
        var card = await harness.DataSource.ScalarAsync<string>($"SELECT description FROM payment_methods WHERE customer_id = {customer} AND kind = 'credit_card'");
        var agent = await harness.NewCallAsync();

        var secondFactor = await agent.SayAsync($"Hi, can I swap the lamp from order {order} for the black one? I'm {name}, zip code {zip}.");
        var askCode = await agent.SayAsync("Can you text me a code?");
        var wrong = await agent.SayAsync("It's 000000.");
        var first = await agent.SayAsync($"Sorry, it's {await harness.DataSource.TextedCodeAsync(customer)}.");
        var confirm = first.Contains("Which payment method", StringComparison.Ordinal) ? await agent.SayAsync($"My {card}, please.") : first;
        var done = await agent.SayAsync("Yes, go ahead.");
        var after = await agent.SayAsync($"Can you read me order {order} again?");

        var refund = $"${4 * quantity}.00";
        Assert.Contains("Before I change anything I need one more check: the email address on your account, or I can text a code to the phone number on your account.", secondFactor);
        Assert.Matches("^I've texted a six-digit code to the number ending in [0-9]{4}. What is the code\\?$", askCode);
        Assert.Equal("That code doesn't match. Could you read me the code again?", wrong);
        Assert.StartsWith("Thanks, that's confirmed.", first);
        Assert.Contains($"exchange the Brass desk lamp for the Black desk lamp from order {order}. You'd get {refund} back, to your {card}. Shall I go ahead?", confirm);
        Assert.Contains($"I've requested the exchange of the Brass desk lamp for the Black desk lamp on order {order}. The difference of {refund} will be refunded to your {card}.", done);
        Assert.Contains("with an exchange requested", after);
        Assert.Equal($"{BlackLamp}|{-400 * quantity}|{card}", await harness.DataSource.ScalarAsync<string>($"""
            SELECT x.new_skus[1] || '|' || x.price_difference_cents || '|' || m.description
              FROM order_exchanges x JOIN payment_methods m ON m.id = x.payment_method_id WHERE x.order_id = {order}
            """));
    }

    [Fact]
    public async Task ASoldOutVariantIsNotOfferedAndTheCallerIsAskedWhatElse()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, _, name, zip, _, phone) = await harness.DataSource.OrderWithAsync(BrassLamp);
        var agent = await harness.NewCallAsync(from: phone);

        var ask = await agent.SayAsync($"I'd like to exchange the desk lamp from order {order} for the copper one. My name is {name}, zip code {zip}.");

        Assert.Contains("What would you like instead of the Brass desk lamp? It also comes in black or white finish.", ask);
        Assert.DoesNotContain("copper", ask, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>($"SELECT count(*) FROM order_exchanges WHERE order_id = {order}"));
    }

    [Fact]
    public async Task OneExchangeOrReturnPerOrderAndOnlyTheCustomersOwnPaymentMethodsAndAvailableVariants()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var exchanges = harness.Service<ExchangeRepository>();
        var orders = harness.Service<OrderRepository>();
        var (order, customer, _, _, _, _) = await harness.DataSource.OrderWithAsync(BrassLamp);
        var own = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id = {customer} AND kind = 'credit_card'");
        var someoneElses = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id <> {customer} LIMIT 1");
        var lamp = new ItemSwap("desk lamp", BlackLamp);

        var soldOut = await exchanges.RequestAsync(customer, order, [lamp with { NewSku = CopperLamp }], own, null, CancellationToken.None);
        var anotherProduct = await exchanges.RequestAsync(customer, order, [lamp with { NewSku = "KTL-211" }], own, null, CancellationToken.None);
        var foreignCard = await exchanges.RequestAsync(customer, order, [lamp], someoneElses, null, CancellationToken.None);
        var notTheirOrder = await exchanges.RequestAsync(customer + 1, order, [lamp], own, null, CancellationToken.None);
        // Two calls asking at once: the order's row lock lets exactly one through.
        var racing = await Task.WhenAll(
            exchanges.RequestAsync(customer, order, [lamp], own, null, CancellationToken.None),
            exchanges.RequestAsync(customer, order, [lamp with { NewSku = "LMP-102" }], own, null, CancellationToken.None));
        var returnAfter = await orders.StartReturnAsync(customer, order, [], RefundDestination.GiftCard, null, CancellationToken.None);

        Assert.Equal(OrderChangeOutcome.VariantUnavailable, soldOut.Outcome);
        Assert.Equal(OrderChangeOutcome.VariantUnavailable, anotherProduct.Outcome);
        Assert.Equal(OrderChangeOutcome.PaymentMethodNotFound, foreignCard.Outcome);
        Assert.Equal(OrderChangeOutcome.NotFound, notTheirOrder.Outcome);
        Assert.Equal([OrderChangeOutcome.Done, OrderChangeOutcome.AlreadyExchanged], racing.Select(r => r.Outcome).Order());
        Assert.Equal(OrderChangeOutcome.AlreadyExchanged, returnAfter.Outcome);
        Assert.Equal(1L, await harness.DataSource.ScalarAsync<long>($"SELECT count(*) FROM order_exchanges WHERE order_id = {order}"));
    }

    [Fact]
    public async Task AGiftCardThatDoesNotCoverTheDifferenceIsRefusedAndAReturnedOrderIsNotExchanged()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var exchanges = harness.Service<ExchangeRepository>();
        var (order, customer, _, _, _, _) = await harness.DataSource.OrderWithAsync("KTL-210");
        var giftCard = await harness.DataSource.ScalarAsync<long>(
            $"INSERT INTO payment_methods (customer_id, kind, description, balance_cents) VALUES ({customer}, 'gift_card', 'gift card', 100) RETURNING id");

        var tooLow = await exchanges.RequestAsync(customer, order, [new ItemSwap("kettle", "KTL-211")], giftCard, null, CancellationToken.None);
        await harness.Service<OrderRepository>().StartReturnAsync(customer, order, ["kettle"], RefundDestination.GiftCard, null, CancellationToken.None);
        var card = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id = {customer} AND kind = 'credit_card'");
        var afterReturn = await exchanges.RequestAsync(customer, order, [new ItemSwap("kettle", "KTL-211")], card, null, CancellationToken.None);

        Assert.Equal(OrderChangeOutcome.GiftCardBalanceTooLow, tooLow.Outcome);
        Assert.Equal(OrderChangeOutcome.AlreadyReturned, afterReturn.Outcome);
    }

    [Fact]
    public async Task ClaudeGetsTheVariantsWithTheirPriceDifferenceAndItsExchangeIsMade()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var (order, customer, name, zip, quantity, phone) = await harness.DataSource.OrderWithAsync(BrassLamp);
        var agent = await harness.NewCallAsync(from: phone);
        JsonNode? offered = null;
        JsonNode? methods = null;

        server.Enqueue(Tool("customer_identify_caller_by_phone", new { }));
        server.Enqueue(Tool("customer_identify_caller", new { fullName = name, zip }));
        server.Enqueue(Tool("orders_list_exchange_options", new { orderNumber = order, itemName = "desk lamp" }));
        server.Enqueue(request =>
        {
            offered = AnthropicProtocolServer.LastToolResult(request);
            return Tool("customer_list_payment_methods", new { });
        });
        server.Enqueue(request =>
        {
            methods = AnthropicProtocolServer.LastToolResult(request)!["methods"];
            return Tool("orders_exchange_items", new
            {
                orderNumber = order, itemNames = LampByName, newItemSkus = BlackLampSku, paymentMethodId = (long)methods![0]!["id"]!,
            });
        });
        server.Enqueue(request => Text($"Done: {AnthropicProtocolServer.LastToolResult(request)!["swaps"]![0]}."));
        var reply = await agent.SayAsync($"I'm {name}, {zip}. Can I swap the lamp from order {order} for the black one? Yes, use my card.");

        var variants = offered!["variants"]!.AsArray();
        Assert.Equal(["LMP-101", "LMP-102"], variants.Select(v => (string)v!["sku"]!).Order());
        Assert.All(variants, v => Assert.Equal(-4m * quantity, (decimal)v!["priceDifference"]!));
        Assert.Equal(await harness.DataSource.ScalarAsync<long>($"SELECT count(*) FROM payment_methods WHERE customer_id = {customer}"), methods!.AsArray().Count);
        Assert.Equal("Done: the Brass desk lamp for the Black desk lamp.", reply);
        Assert.Equal(BlackLamp, await harness.DataSource.ScalarAsync<string>($"SELECT new_skus[1] FROM order_exchanges WHERE order_id = {order}"));
    }
}
