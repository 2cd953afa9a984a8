using Npgsql;
using NpgsqlTypes;

namespace VoiceGrains.Data.Appointments;

/// <summary>
/// Services, staff, free slots and bookings. Every change is scoped by customer id. Books appointment slots. The database's partial unique index is the single owner of "one live booking per
/// slot": whichever caller or silo inserts second gets <see cref="BookingOutcome.SlotTaken"/>, unless it is the customer who
/// holds the slot asking again (a retry), who gets <see cref="BookingOutcome.AlreadyBooked"/> and the booking they have.
/// </summary>
public sealed class AppointmentRepository(NpgsqlDataSource dataSource)
{
    const string OneLivePerSlot = "appointments_one_live_per_slot";

    const string Book = """
        INSERT INTO appointments (slot_id, customer_id, call_sid)
        SELECT id, @customer, @sid FROM appointment_slots WHERE id = @slot AND starts_at > now()
        RETURNING id
        """;

    const string SelectServices = """
        SELECT sv.id, sv.name, sv.duration_minutes, sv.price_cents,
               coalesce(array_agg(st.name ORDER BY st.name) FILTER (WHERE st.id IS NOT NULL), '{}')
          FROM services sv
          LEFT JOIN staff_services ss ON ss.service_id = sv.id
          LEFT JOIN staff st ON st.id = ss.staff_id
         GROUP BY sv.id ORDER BY sv.name
        """;

    const string SlotColumns = "sl.id, sv.name, st.name, sl.starts_at, sl.ends_at";

    const string SlotJoins = """
          FROM appointment_slots sl
          JOIN services sv ON sv.id = sl.service_id
          JOIN staff st ON st.id = sl.staff_id
        """;

    const string SelectFreeSlots = $"""
        SELECT {SlotColumns}
        {SlotJoins}
         WHERE sl.service_id = @service AND sl.starts_at >= greatest(@from, now()) AND sl.starts_at < @to
           AND (@staff IS NULL OR lower(st.name) LIKE '%' || lower(@staff) || '%')
           AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = sl.id AND a.status <> 'cancelled')
         ORDER BY sl.starts_at, st.name
         LIMIT @limit
        """;

    const string SelectSlot = $"SELECT {SlotColumns} {SlotJoins} WHERE sl.id = @slot";

    const string SelectCustomerAppointments = $"""
        SELECT a.id, a.status, {SlotColumns}
        {SlotJoins}
          JOIN appointments a ON a.slot_id = sl.id
         WHERE a.customer_id = @customer AND a.status = 'booked' AND sl.starts_at > now()
         ORDER BY sl.starts_at
        """;

    const string ConfirmAppointment = """
        UPDATE appointments SET confirmed_at = coalesce(confirmed_at, now())
         WHERE id = @appointment AND customer_id = @customer AND status = 'booked'
        RETURNING slot_id
        """;

    const string CancelAppointment = """
        UPDATE appointments SET status = 'cancelled', cancelled_at = now()
         WHERE id = @appointment AND customer_id = @customer AND status = 'booked'
        RETURNING slot_id
        """;

    const string MoveAppointment = """
        UPDATE appointments a SET slot_id = @slot
          FROM appointment_slots old, appointment_slots target
         WHERE a.id = @appointment AND a.customer_id = @customer AND a.status = 'booked' AND a.slot_id <> @slot
           AND old.id = a.slot_id AND target.id = @slot
           AND target.service_id = old.service_id AND target.starts_at > now()
        RETURNING a.id
        """;

    const string HeldByCustomer = "SELECT id FROM appointments WHERE slot_id = @slot AND customer_id = @customer AND status <> 'cancelled'";

    const string CancelledAppointmentSlot = "SELECT slot_id FROM appointments WHERE id = @appointment AND customer_id = @customer AND status = 'cancelled'";

    const string LiveAppointmentSlot = "SELECT slot_id FROM appointments WHERE id = @appointment AND customer_id = @customer AND status = 'booked'";

    public async Task<IReadOnlyList<Service>> ListServicesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectServices);
        return await command.ReadAllAsync(
            reader => new Service(reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), Money.FromCents(reader.GetInt32(3)), reader.GetFieldValue<string[]>(4)),
            cancellationToken);
    }

    /// <summary>The earliest free slots matching the query.</summary>
    public async Task<IReadOnlyList<Slot>> FindFreeSlotsAsync(SlotQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand(SelectFreeSlots);
        command.Parameters.AddWithValue("service", query.ServiceId);
        command.Parameters.AddWithValue("from", query.From.ToUniversalTime());
        command.Parameters.AddWithValue("to", query.To.ToUniversalTime());
        command.Parameters.AddWithValue("staff", NpgsqlDbType.Text, (object?)query.Staff ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", query.Limit);
        return await ReadSlotsAsync(command, cancellationToken);
    }

    public async Task<Slot?> GetSlotAsync(long slotId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectSlot);
        command.Parameters.AddWithValue("slot", slotId);
        return (await ReadSlotsAsync(command, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The customer's upcoming live appointments, soonest first.</summary>
    public async Task<IReadOnlyList<Appointment>> ListUpcomingAsync(long customerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectCustomerAppointments);
        command.Parameters.AddWithValue("customer", customerId);
        return await command.ReadAllAsync(
            reader => new Appointment(reader.GetInt64(0), reader.GetString(1), ReadSlot(reader, 2)),
            cancellationToken);
    }

    /// <summary>The customer confirms a live appointment (a reminder call's answer); NotFound unless it is theirs and booked.</summary>
    public Task<AppointmentChange> ConfirmAsync(long customerId, long appointmentId, CancellationToken cancellationToken) =>
        ChangeLiveAsync(ConfirmAppointment, "booked", customerId, appointmentId, cancellationToken);

    /// <summary>
    /// Cancels one of the customer's live appointments; one of theirs cancelled already is <see cref="AppointmentChangeOutcome.AlreadyDone"/>,
    /// so a cancellation asked for twice (a retry after a failover) reads as done, and is done once.
    /// </summary>
    public async Task<AppointmentChange> CancelAsync(long customerId, long appointmentId, CancellationToken cancellationToken)
    {
        var change = await ChangeLiveAsync(CancelAppointment, "cancelled", customerId, appointmentId, cancellationToken);
        if (change.Outcome != AppointmentChangeOutcome.NotFound)
        {
            return change;
        }
        await using var cancelled = dataSource.CreateCommand(CancelledAppointmentSlot);
        cancelled.Parameters.AddWithValue("appointment", appointmentId);
        cancelled.Parameters.AddWithValue("customer", customerId);
        return await cancelled.ExecuteScalarAsync(cancellationToken) is long slotId
            ? new AppointmentChange(AppointmentChangeOutcome.AlreadyDone, new Appointment(appointmentId, "cancelled", (await GetSlotAsync(slotId, cancellationToken))!))
            : change;
    }

    /// <summary>Runs a change of one of the customer's live appointments that returns its slot; NotFound when none was changed.</summary>
    async Task<AppointmentChange> ChangeLiveAsync(string sql, string statusAfter, long customerId, long appointmentId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("appointment", appointmentId);
        command.Parameters.AddWithValue("customer", customerId);
        if (await command.ExecuteScalarAsync(cancellationToken) is not long slotId)
        {
            return new AppointmentChange(AppointmentChangeOutcome.NotFound, null);
        }
        var slot = await GetSlotAsync(slotId, cancellationToken);
        return new AppointmentChange(AppointmentChangeOutcome.Done, new Appointment(appointmentId, statusAfter, slot!));
    }

    /// <summary>
    /// Moves a live appointment to another slot of the same service in one statement: the old slot is freed and
    /// the new one taken together, and the unique index still refuses a slot someone else holds. One already in that
    /// slot is <see cref="AppointmentChangeOutcome.AlreadyDone"/>.
    /// </summary>
    public async Task<AppointmentChange> RescheduleAsync(long customerId, long appointmentId, long newSlotId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(MoveAppointment);
        command.Parameters.AddWithValue("appointment", appointmentId);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("slot", newSlotId);
        try
        {
            if (await command.ExecuteScalarAsync(cancellationToken) is long)
            {
                var slot = await GetSlotAsync(newSlotId, cancellationToken);
                return new AppointmentChange(AppointmentChangeOutcome.Done, new Appointment(appointmentId, "booked", slot!));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == OneLivePerSlot)
        {
            return new AppointmentChange(AppointmentChangeOutcome.SlotTaken, null);
        }

        await using var live = dataSource.CreateCommand(LiveAppointmentSlot);
        live.Parameters.AddWithValue("appointment", appointmentId);
        live.Parameters.AddWithValue("customer", customerId);
        return await live.ExecuteScalarAsync(cancellationToken) switch
        {
            null => new AppointmentChange(AppointmentChangeOutcome.NotFound, null),
            // Already in that slot: the move asked for again (a retry after a failover) is done, once.
            long current when current == newSlotId =>
                new AppointmentChange(AppointmentChangeOutcome.AlreadyDone, new Appointment(appointmentId, "booked", (await GetSlotAsync(newSlotId, cancellationToken))!)),
            _ => new AppointmentChange(AppointmentChangeOutcome.SlotUnavailable, null),
        };
    }

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
            await using var held = dataSource.CreateCommand(HeldByCustomer);
            held.Parameters.AddWithValue("slot", slotId);
            held.Parameters.AddWithValue("customer", customerId);
            return await held.ExecuteScalarAsync(cancellationToken) is long appointmentId
                ? new BookingResult(BookingOutcome.AlreadyBooked, appointmentId)
                : new BookingResult(BookingOutcome.SlotTaken, null);
        }
    }

    static async Task<IReadOnlyList<Slot>> ReadSlotsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        return await command.ReadAllAsync(reader => ReadSlot(reader, 0), cancellationToken);
    }

    static Slot ReadSlot(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first), reader.GetString(first + 1), reader.GetString(first + 2),
        reader.GetFieldValue<DateTimeOffset>(first + 3), reader.GetFieldValue<DateTimeOffset>(first + 4));
}
