using Npgsql;
using NpgsqlTypes;

namespace VoiceGrains.Data.Appointments;

/// <summary>
/// Books appointment slots. The database's partial unique index is the single owner of "one live booking per
/// slot": whichever caller, silo or retry inserts second gets <see cref="BookingOutcome.SlotTaken"/>.
/// </summary>
public sealed class AppointmentRepository(NpgsqlDataSource dataSource)
{
    const string OneLivePerSlot = "appointments_one_live_per_slot";

    const string Book = """
        INSERT INTO appointments (slot_id, customer_id, call_sid)
        SELECT id, @customer, @sid FROM appointment_slots WHERE id = @slot AND starts_at > now()
        RETURNING id
        """;

    public async Task<BookingResult> BookAsync(long slotId, long customerId, string? callSid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Book);
        command.Parameters.AddWithValue("slot", slotId);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("sid", NpgsqlDbType.Text, (object?)callSid ?? DBNull.Value);
        try
        {
            var id = await command.ExecuteScalarAsync(cancellationToken);
            return id is long appointmentId
                ? new BookingResult(BookingOutcome.Booked, appointmentId)
                : new BookingResult(BookingOutcome.SlotUnavailable, null);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == OneLivePerSlot)
        {
            return new BookingResult(BookingOutcome.SlotTaken, null);
        }
    }
}
