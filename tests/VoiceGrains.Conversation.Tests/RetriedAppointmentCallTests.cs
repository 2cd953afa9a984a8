using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Data.Appointments;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Messaging;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// A silo that dies after an appointment function's change committed but before the call recorded it: the call comes
/// back on another silo with a new agent, and the engine asks for the same change again. The caller is told it is done,
/// and it is done once, with one confirmation text.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RetriedAppointmentCallTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ABookingAMoveAndACancellationRetriedOnTheCallsNextActivationAreEachDoneOnceWithOneText()
    {
        await using var harness = await AgentHarness.StartAsync(postgres);
        var customerId = await harness.DataSource.ScalarAsync<long>("SELECT min(id) FROM customers");
        var phone = await harness.DataSource.ScalarAsync<string>($"SELECT phone FROM customers WHERE id = {customerId}");
        var slotId = await harness.DataSource.ScalarAsync<long>("""
            SELECT id FROM appointment_slots s
             WHERE starts_at > now() AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id)
             ORDER BY starts_at, id LIMIT 1
            """);
        var laterSlotId = await harness.DataSource.ScalarAsync<long>($"""
            SELECT id FROM appointment_slots s
             WHERE service_id = (SELECT service_id FROM appointment_slots WHERE id = {slotId}) AND id <> {slotId} AND starts_at > now()
               AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id)
             ORDER BY starts_at, id LIMIT 1
            """);
        var callSid = $"CA{Guid.NewGuid():N}";
        var calendar = (await harness.Service<BusinessRepository>().GetCalendarAsync(CancellationToken.None))!;
        // One plugin per activation of the call, as each activation's agent has its own.
        AppointmentsPlugin Activation()
        {
            var session = new CallerSession(callSid, phone);
            Assert.True(session.TryIdentify(customerId, null, IdentityFactors.Phone));
            return new AppointmentsPlugin(session, harness.Service<AppointmentRepository>(),
                new AppointmentTexts(harness.Service<TextMessageRepository>(), calendar.Name, confirmChanges: true),
                harness.Service<LeadRepository>(), "none", calendar, TimeProvider.System);
        }

        var booked = Assert.IsType<AppointmentBooked>(await Activation().BookAsync(slotId, CancellationToken.None));
        var bookedAgain = Assert.IsType<AppointmentBooked>(await Activation().BookAsync(slotId, CancellationToken.None));
        var moved = Assert.IsType<AppointmentMoved>(await Activation().RescheduleAsync(booked.AppointmentId, laterSlotId, CancellationToken.None));
        var movedAgain = Assert.IsType<AppointmentMoved>(await Activation().RescheduleAsync(booked.AppointmentId, laterSlotId, CancellationToken.None));
        var cancelled = Assert.IsType<AppointmentCancelled>(await Activation().CancelAsync(booked.AppointmentId, CancellationToken.None));
        var cancelledAgain = Assert.IsType<AppointmentCancelled>(await Activation().CancelAsync(booked.AppointmentId, CancellationToken.None));

        Assert.Equal(booked, bookedAgain);
        Assert.Equal(moved, movedAgain);
        Assert.Equal(cancelled, cancelledAgain);
        Assert.Equal(laterSlotId, cancelled.Slot.SlotId);
        Assert.Equal(1L, await harness.DataSource.ScalarAsync<long>($"SELECT count(*) FROM appointments WHERE call_sid = '{callSid}'"));
        var texts = await harness.DataSource.ScalarAsync<string[]>(
            $"SELECT array_agg(reason ORDER BY id) FROM text_messages WHERE phone = '{phone}' AND reason LIKE 'appointment_%'");
        Assert.Equal(["appointment_booked", "appointment_moved", "appointment_cancelled"], texts);
    }
}
