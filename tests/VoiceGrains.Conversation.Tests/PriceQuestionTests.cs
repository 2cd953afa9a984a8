using System.Globalization;
using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// Price questions whose answers need arithmetic over the business's data, worked out by the functions: the cheapest
/// variant on sale (the demo desk lamp: brass 49.99, black and white 45.99, copper sold out) and what a caller paid
/// for items of a kind across their orders. Both engines say the function's figures.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PriceQuestionTests(PostgresFixture postgres)
{
    const string BrassLamp = "LMP-100";

    [Fact]
    public async Task TheCheapestVariantOnSaleIsNamedWithItsOptionsAndNoOneNeedsIdentifying()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync();

        var cheapest = await agent.SayAsync("What's the cheapest desk lamp you have right now?");
        var unknown = await agent.SayAsync("And what's the cheapest hot tub?");

        // Black and white cost the same; the copper one, sold out, is not counted.
        Assert.Equal("The cheapest one we have available is the Black desk lamp, at $45.99: finish black. It's the cheapest of the 3 we have available. Is there anything else I can help with?", cheapest);
        Assert.StartsWith("I couldn't find hot tub in our catalogue.", unknown);
        Assert.Null(agent.Session.CustomerId);
    }

    [Fact]
    public async Task WhatTheCallerPaidForItemsOfAKindIsTotalledAcrossTheirOrdersLeavingOutCancelledOnes()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var (order, customer, name, zip, _, _) = await harness.DataSource.OrderWithAsync(BrassLamp);
        // A second lamp order of the same customer, cancelled: it was not paid for.
        await harness.DataSource.ExecuteAsync($"""
            INSERT INTO orders (id, customer_id, status, placed_at, total_cents, shipping_address)
                 SELECT 990001, customer_id, 'cancelled', placed_at, 4999, shipping_address FROM orders WHERE id = {order};
            INSERT INTO order_items (order_id, line, sku, quantity, unit_price_cents) VALUES (990001, 1, '{BrassLamp}', 1, 4999)
            """);
        var paid = await harness.DataSource.ScalarAsync<long>($"""
            SELECT sum(i.quantity * i.unit_price_cents) FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.sku = i.sku
             WHERE o.customer_id = {customer} AND o.status <> 'cancelled' AND p.name ILIKE '%lamp%'
            """);
        var agent = await harness.NewCallAsync();

        var total = await agent.SayAsync($"How much did I pay for the lamps? I'm {name}, zip code {zip}.");

        Assert.Contains($"in order {order}", total);
        Assert.DoesNotContain("990001", total);
        Assert.Contains((paid / 100m).ToString("$#,##0.00", CultureInfo.GetCultureInfo("en-US")) + ". Is there anything else", total);
    }

    [Fact]
    public async Task TheExchangesAndItemChangesOfThisCallAreTotalledAsOneFigure()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        // A customer with two delivered orders (the demo gives each customer orders of one status) and a payment method.
        var (exchanged, changed, customer, name, zip) = await harness.DataSource.ScalarAsync<string>("""
            SELECT d.id || '|' || p.id || '|' || c.id || '|' || c.name || '|' || c.zip
              FROM customers c JOIN orders d ON d.customer_id = c.id AND d.status = 'delivered'
                               JOIN orders p ON p.customer_id = c.id AND p.status = 'delivered' AND p.id > d.id
             WHERE EXISTS (SELECT 1 FROM payment_methods m WHERE m.customer_id = c.id)
             ORDER BY c.id, d.id, p.id LIMIT 1
            """) is var row && row.Split('|') is [var d, var p, var c, var n, var z] ? (d, p, c, n, z) : default;
        var agent = await harness.NewCallAsync();
        // This call's exchange (+5.00) and, as the repository would record one before shipping, item change (-12.34).
        await harness.DataSource.ExecuteAsync($"""
            INSERT INTO order_exchanges (order_id, customer_id, lines, new_skus, payment_method_id, price_difference_cents, call_sid)
                 SELECT {exchanged}, {customer}, ARRAY[1], ARRAY['LMP-101'], min(id), 500, '{agent.Session.CallSid}' FROM payment_methods WHERE customer_id = {customer};
            INSERT INTO order_item_changes (order_id, customer_id, lines, old_skus, new_skus, payment_method_id, price_difference_cents, call_sid)
                 SELECT {changed}, {customer}, ARRAY[1], ARRAY['LMP-100'], ARRAY['LMP-101'], min(id), -1234, '{agent.Session.CallSid}' FROM payment_methods WHERE customer_id = {customer};
            """);

        var total = await agent.SayAsync($"How much do I need to pay today in total? I'm {name}, zip code {zip}.");

        Assert.Contains($"For the exchanges on this call: $5.00 to pay for order {exchanged} and $12.34 back for order {changed}; that's $7.34 back in total.", total);
    }

    [Fact]
    public async Task ClaudeGetsTheFiguresFromTheFunctionsAndSaysThem()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var agent = await harness.NewCallAsync();

        server.Enqueue(Tool("products_find_cheapest", new { product = "desk lamp" }));
        server.Enqueue(request =>
        {
            var cheapest = AnthropicProtocolServer.LastToolResult(request)!["cheapest"]!;
            return Text($"The cheapest is the {(string)cheapest["name"]!} at {(decimal)cheapest["price"]!} dollars.");
        });
        var said = await agent.SayAsync("What's your cheapest desk lamp?");

        server.Enqueue(Tool("orders_total_for_items", new { itemName = "lamps" }));
        server.Enqueue(request => Text((string)AnthropicProtocolServer.LastToolResult(request)!["reason"]!));
        var refused = await agent.SayAsync("How much did I pay for the lamps?");

        Assert.Equal("The cheapest is the Black desk lamp at 45.99 dollars.", said);
        Assert.Equal("I need to verify who you are first.", refused);
        Assert.Contains("products_find_cheapest", server.Requests[0]["tools"]!.AsArray().Select(t => (string)t!["name"]!));
    }
}
