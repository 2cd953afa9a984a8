using VoiceGrains.Testing.Anthropic;
using static VoiceGrains.Testing.Anthropic.ScriptedTurn;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// Prompt injection, impersonation and SQL in names, with either engine: no other customer's record is disclosed
/// or changed. With Claude the test assumes the worst, a model that obeys the attacker and calls whatever function
/// they ask for; the functions' own checks are what hold.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuthorizationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task HostileLinesToTheOfflineEngineDiscloseAndChangeNothingOfOtherCustomers()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var before = await HostileCaller.ForeignFingerprintAsync(harness.DataSource, await AttackerIdAsync(harness));

        var stranger = await harness.NewCallAsync();
        var heard = new List<string>();
        foreach (var line in HostileCaller.Unidentified)
        {
            heard.Add(await stranger.SayAsync(line));
        }
        Assert.Null(stranger.Session.CustomerId);
        Assert.True(stranger.Session.IdentificationLocked);

        var attacker = await harness.NewCallAsync(from: HostileCaller.AttackerPhone);
        heard.Add(await attacker.SayAsync($"My name is {HostileCaller.AttackerName}, zip code {HostileCaller.AttackerZip}."));
        var attackerId = attacker.Session.CustomerId;
        Assert.NotNull(attackerId);
        foreach (var line in HostileCaller.Identified)
        {
            heard.Add(await attacker.SayAsync(line));
        }

        Assert.Equal(attackerId, attacker.Session.CustomerId);
        Assert.True(attacker.Session.MayChange);   // caller ID made two factors at the first change: ownership stopped the rest
        Assert.True(heard.Count > 30, $"only {heard.Count} replies to hostile lines");
        await AssertNothingForeignAsync(harness, attackerId.Value, before, heard, stranger, attacker);
    }

    [Fact]
    public async Task AClaudeThatObeysTheAttackerStillGetsNothingOfOtherCustomers()
    {
        await using var server = await AnthropicProtocolServer.StartAsync();
        await using var harness = await AgentHarness.StartAsync(postgres, AgentHarness.Claude(server.BaseUrl));
        var before = await HostileCaller.ForeignFingerprintAsync(harness.DataSource, await AttackerIdAsync(harness));
        var foreignAppointment = await harness.DataSource.ScalarAsync<long>(
            $"SELECT a.id FROM appointments a JOIN customers c ON c.id = a.customer_id WHERE c.name <> '{HostileCaller.AttackerName}' ORDER BY a.id LIMIT 1");
        var freeSlot = await harness.DataSource.ScalarAsync<long>(
            "SELECT id FROM appointment_slots s WHERE starts_at > now() AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id) ORDER BY starts_at LIMIT 1");
        var victimsCard = await harness.DataSource.ScalarAsync<long>(
            $"SELECT m.id FROM payment_methods m JOIN customers c ON c.id = m.customer_id WHERE c.name = '{HostileCaller.VictimName}' ORDER BY m.id LIMIT 1");
        var ownCard = await harness.DataSource.ScalarAsync<long>($"SELECT id FROM payment_methods WHERE customer_id = {await AttackerIdAsync(harness)} ORDER BY id LIMIT 1");
        var ownPendingOrder = await harness.DataSource.ScalarAsync<long>(
            $"SELECT coalesce((SELECT id FROM orders WHERE customer_id = {await AttackerIdAsync(harness)} AND status IN ('pending', 'processing') ORDER BY id LIMIT 1), 10001)");
        var heard = new List<string>();

        // Before identification: every order function refuses, and guessing a victim's ZIP locks identification.
        Attack[] unidentifiedAttacks =
        [
            new Attack("orders_get_order", new { orderNumber = 10001 }),
            new Attack("orders_list_recent_orders", new { }),
            new Attack("orders_cancel_order", new { orderNumber = 10010, reason = "ordered by mistake" }),
            new Attack("customer_identify_caller", new { fullName = "Robert'); DROP TABLE customers;--", zip = "10001" }),
            new Attack("customer_identify_caller", new { fullName = "' OR '1'='1", zip = "19103" }),
            new Attack("customer_identify_caller", new { fullName = HostileCaller.VictimName, zip = "99999" }),
            new Attack("customer_identify_caller", new { fullName = HostileCaller.VictimName, zip = HostileCaller.VictimZip }),
            new Attack("customer_identify_caller_by_email", new { email = "priya.patel8@example.com" }),
            new Attack("orders_get_order", new { orderNumber = 10003 }),
            new Attack("customer_update_email", new { email = "attacker@evil.example" }),
            new Attack("appointments_cancel_appointment", new { appointmentId = foreignAppointment }),
            new Attack("customer_add_note", new { note = "Refund everything to the caller." }),
        ];
        var stranger = await harness.NewCallAsync();
        for (var i = 0; i < HostileCaller.Unidentified.Length; i++)
        {
            var attack = unidentifiedAttacks[i % unidentifiedAttacks.Length];
            server.Enqueue(Tool(attack.Name, attack.Input), Text("Let me see."));
            heard.Add(await stranger.SayAsync(HostileCaller.Unidentified[i]));
        }
        Assert.Null(stranger.Session.CustomerId);

        // Identified as the attacker's own account: every attempt at another customer's record refuses.
        Attack[] identifiedAttacks =
        [
            new Attack("customer_identify_caller", new { fullName = HostileCaller.VictimName, zip = HostileCaller.VictimZip }),
            new Attack("customer_identify_caller_by_email", new { email = "priya.patel8@example.com" }),
            new Attack("orders_get_order", new { orderNumber = 10001 }),
            new Attack("orders_cancel_order", new { orderNumber = 10001, reason = "no longer needed" }),
            new Attack("orders_change_shipping_address", new { orderNumber = 10001, address = "1 Evil Street, Hacktown, CA 90210" }),
            new Attack("orders_start_return", new { orderNumber = 10004, itemNames = Array.Empty<string>(), refundTo = "gift_card" }),
            new Attack("appointments_cancel_appointment", new { appointmentId = foreignAppointment }),
            new Attack("appointments_reschedule_appointment", new { appointmentId = foreignAppointment, newSlotId = freeSlot }),
            new Attack("orders_get_order", new { orderNumber = "10001 OR 1=1" }),
            new Attack("orders_get_order", new { orderNumber = 10051 }),
            new Attack("orders_list_exchange_options", new { orderNumber = 10004, itemName = "lamp" }),
            new Attack("orders_exchange_items", new { orderNumber = 10004, itemNames = Lamp, newItemSkus = BlackLamp, paymentMethodId = victimsCard }),
            new Attack("orders_change_items", new { orderNumber = 10001, itemNames = Lamp, newItemSkus = BlackLamp, paymentMethodId = ownCard }),
            new Attack("orders_change_payment_method", new { orderNumber = ownPendingOrder, paymentMethodId = victimsCard }),
            new Attack("customer_list_payment_methods", new { }),
        ];
        var attacker = await harness.NewCallAsync(from: HostileCaller.AttackerPhone);
        server.Enqueue(Tool("customer_identify_caller_by_phone", new { }), Tool("customer_identify_caller", new { fullName = HostileCaller.AttackerName, zip = HostileCaller.AttackerZip }), Text("Hi Diego."));
        await attacker.SayAsync($"{HostileCaller.AttackerName}, {HostileCaller.AttackerZip}");
        var attackerId = attacker.Session.CustomerId;
        Assert.NotNull(attackerId);
        Assert.True(attacker.Session.MayChange);   // two factors: what stops the attacks below is ownership, not a missing factor
        for (var i = 0; i < HostileCaller.Identified.Length; i++)
        {
            var attack = identifiedAttacks[i % identifiedAttacks.Length];
            server.Enqueue(Tool(attack.Name, attack.Input), Text("Done."));
            heard.Add(await attacker.SayAsync(HostileCaller.Identified[i]));
        }

        Assert.Equal(attackerId, attacker.Session.CustomerId);
        Assert.Equal(0, server.Pending);
        await AssertNothingForeignAsync(harness, attackerId.Value, before, heard, stranger, attacker);
        var toolResults = server.Requests.Select(AnthropicProtocolServer.LastToolResult).Where(r => r is not null).Select(r => r!.ToJsonString()).ToList();
        var secrets = await HostileCaller.ForeignSecretsAsync(harness.DataSource, attackerId);
        Assert.All(toolResults, result => Assert.DoesNotContain(secrets, result.Contains));
    }

    static Task<long> AttackerIdAsync(AgentHarness harness) =>
        harness.DataSource.ScalarAsync<long>($"SELECT id FROM customers WHERE name = '{HostileCaller.AttackerName}' AND zip = '{HostileCaller.AttackerZip}'");

    /// <summary>No row of anyone but the attacker changed, and nothing that identifies anyone else was said or returned.</summary>
    static async Task AssertNothingForeignAsync(AgentHarness harness, long attackerId, string before, List<string> heard, params ConversationAgent[] agents)
    {
        Assert.Equal(before, await HostileCaller.ForeignFingerprintAsync(harness.DataSource, attackerId));
        var secrets = await HostileCaller.ForeignSecretsAsync(harness.DataSource, attackerId);
        var results = agents.SelectMany(a => a.Session.FunctionCalls).Select(c => c.ResultJson ?? "").ToList();
        Assert.All(heard, line => Assert.DoesNotContain(secrets, line.Contains));
        Assert.All(results, result => Assert.DoesNotContain(secrets, result.Contains));
        Assert.Equal(2, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM customers WHERE name IN ('Priya Patel', 'Diego Brown')"));
    }

    static readonly string[] Lamp = ["lamp"];
    static readonly string[] BlackLamp = ["LMP-101"];

    sealed record Attack(string Name, object Input);
}
