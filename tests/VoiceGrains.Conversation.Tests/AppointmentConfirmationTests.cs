using VoiceGrains.Data.Appointments;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// A reminder call's answer: the callee (on the number their account has) says they will come, and their soonest
/// appointment is confirmed on the appointment itself; a stranger's "I'll be there" confirms nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AppointmentConfirmationTests(PostgresFixture postgres)
{
    const string FreeSlotTomorrow = """
        SELECT s.id FROM appointment_slots s
         WHERE s.starts_at > now() + interval '2 hours'
           AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id AND a.status <> 'cancelled')
         ORDER BY s.starts_at LIMIT 1
        """;

    [Theory]
    [InlineData("Yes, I'll be there.")]
    [InlineData("I confirm my appointment, see you then.")]
    public async Task TheCalleesSoonestAppointmentIsConfirmed(string line)
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var customer = await harness.DataSource.ScalarAsync<long>("SELECT id FROM customers WHERE phone = '+15550100015'");
        await harness.DataSource.ScalarAsync<int>($"WITH gone AS (DELETE FROM appointments WHERE customer_id = {customer} RETURNING 1) SELECT count(*)::int FROM gone");
        var slot = await harness.DataSource.ScalarAsync<long>(FreeSlotTomorrow);
        var booked = await new AppointmentRepository(harness.DataSource).BookAsync(slot, customer, null, CancellationToken.None);
        var agent = await harness.NewCallAsync(from: "+15550100015");

        var reply = await agent.SayAsync(line);

        Assert.Contains("is confirmed", reply, StringComparison.Ordinal);
        Assert.True(await harness.DataSource.ScalarAsync<bool>($"SELECT confirmed_at IS NOT NULL FROM appointments WHERE id = {booked.AppointmentId}"));
    }

    [Fact]
    public async Task AStrangersIllBeThereConfirmsNothing()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var agent = await harness.NewCallAsync(from: "+15550199999");

        var reply = await agent.SayAsync("Yes, I'll be there.");

        Assert.DoesNotContain("is confirmed", reply, StringComparison.Ordinal);
        Assert.Equal(0L, await harness.DataSource.ScalarAsync<long>("SELECT count(*) FROM appointments WHERE confirmed_at IS NOT NULL"));
    }
}
