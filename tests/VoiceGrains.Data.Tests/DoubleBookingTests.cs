using VoiceGrains.Data.Appointments;

namespace VoiceGrains.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DoubleBookingTests(PostgresFixture postgres)
{
    const string FreeSlot = """
        SELECT id FROM appointment_slots s
         WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id)
         ORDER BY starts_at, id LIMIT 1
        """;

    [Fact]
    public async Task FiftyConcurrentBookingsOfOneSlotHaveExactlyOneWinner()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();
        var slotId = await dataSource.ScalarAsync<long>(FreeSlot);
        var customers = await dataSource.ScalarAsync<long[]>("SELECT array_agg(id ORDER BY id) FROM customers");
        var appointments = new AppointmentRepository(dataSource);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = customers.Take(50).Select(customerId => Task.Run(async () =>
        {
            await go.Task;
            return (customerId, result: await appointments.BookAsync(slotId, customerId, $"CA-race-{customerId}", CancellationToken.None));
        })).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.result.Outcome == BookingOutcome.Booked);
        Assert.Equal(49, results.Count(r => r.result.Outcome == BookingOutcome.SlotTaken));
        Assert.Equal(1L, await dataSource.ScalarAsync<long>($"SELECT count(*) FROM appointments WHERE slot_id = {slotId}"));
        Assert.Equal(winner.customerId, await dataSource.ScalarAsync<long>($"SELECT customer_id FROM appointments WHERE slot_id = {slotId}"));
    }

    [Fact]
    public async Task ACancelledAppointmentFreesItsSlot()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();
        var slotId = await dataSource.ScalarAsync<long>(FreeSlot);
        var appointments = new AppointmentRepository(dataSource);

        var first = await appointments.BookAsync(slotId, 1, null, CancellationToken.None);
        var refused = await appointments.BookAsync(slotId, 2, null, CancellationToken.None);
        await dataSource.ExecuteAsync($"UPDATE appointments SET status = 'cancelled', cancelled_at = now() WHERE id = {first.AppointmentId}");
        var second = await appointments.BookAsync(slotId, 2, null, CancellationToken.None);

        Assert.Equal(BookingOutcome.Booked, first.Outcome);
        Assert.Equal(BookingOutcome.SlotTaken, refused.Outcome);
        Assert.Equal(BookingOutcome.Booked, second.Outcome);
    }

    [Fact]
    public async Task ABookingAMoveAndACancellationAskedForAgainByTheirCustomerAreEachDoneOnce()
    {
        // A retry after a silo died (the statement committed, its answer was lost) asks the same thing again: it must
        // read as done, and change nothing more; someone else asking for that slot is still refused.
        await using var dataSource = await postgres.CreateMigratedAsync();
        var slotId = await dataSource.ScalarAsync<long>(FreeSlot);
        var otherSlotId = await dataSource.ScalarAsync<long>($"""
            SELECT id FROM appointment_slots s
             WHERE service_id = (SELECT service_id FROM appointment_slots WHERE id = {slotId}) AND id <> {slotId} AND starts_at > now()
               AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = s.id)
             ORDER BY starts_at, id LIMIT 1
            """);
        var appointments = new AppointmentRepository(dataSource);

        var booked = await appointments.BookAsync(slotId, 1, "CA-retry", CancellationToken.None);
        var bookedAgain = await appointments.BookAsync(slotId, 1, "CA-retry", CancellationToken.None);
        var someoneElse = await appointments.BookAsync(slotId, 2, "CA-other", CancellationToken.None);
        var id = booked.AppointmentId!.Value;
        var moved = await appointments.RescheduleAsync(1, id, otherSlotId, CancellationToken.None);
        var movedAgain = await appointments.RescheduleAsync(1, id, otherSlotId, CancellationToken.None);
        var cancelledByAnother = await appointments.CancelAsync(2, id, CancellationToken.None);
        var cancelled = await appointments.CancelAsync(1, id, CancellationToken.None);
        var cancelledAgain = await appointments.CancelAsync(1, id, CancellationToken.None);

        Assert.Equal(BookingOutcome.Booked, booked.Outcome);
        Assert.Equal(new BookingResult(BookingOutcome.AlreadyBooked, id), bookedAgain);
        Assert.Equal(BookingOutcome.SlotTaken, someoneElse.Outcome);
        Assert.Equal(AppointmentChangeOutcome.Done, moved.Outcome);
        Assert.Equal(AppointmentChangeOutcome.AlreadyDone, movedAgain.Outcome);
        Assert.Equal(otherSlotId, movedAgain.Appointment!.Slot.Id);
        Assert.Equal(AppointmentChangeOutcome.NotFound, cancelledByAnother.Outcome);
        Assert.Equal(AppointmentChangeOutcome.Done, cancelled.Outcome);
        Assert.Equal(AppointmentChangeOutcome.AlreadyDone, cancelledAgain.Outcome);
        Assert.Equal("cancelled", cancelledAgain.Appointment!.Status);
        Assert.Equal(1L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM appointments WHERE call_sid = 'CA-retry'"));
    }

    [Fact]
    public async Task APastOrUnknownSlotCannotBeBooked()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();
        var appointments = new AppointmentRepository(dataSource);
        await dataSource.ExecuteAsync("""
            INSERT INTO appointment_slots (staff_id, service_id, starts_at, ends_at)
            SELECT staff_id, service_id, now() - interval '2 days', now() - interval '2 days' + interval '30 minutes'
              FROM staff_services LIMIT 1
            """);
        var pastSlot = await dataSource.ScalarAsync<long>("SELECT id FROM appointment_slots WHERE starts_at < now()");

        Assert.Equal(BookingOutcome.SlotUnavailable, (await appointments.BookAsync(pastSlot, 1, null, CancellationToken.None)).Outcome);
        Assert.Equal(BookingOutcome.SlotUnavailable, (await appointments.BookAsync(-1, 1, null, CancellationToken.None)).Outcome);
    }
}
