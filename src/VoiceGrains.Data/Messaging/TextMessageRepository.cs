using Npgsql;
using VoiceGrains.Data.Campaigns;

namespace VoiceGrains.Data.Messaging;

/// <summary>
/// The text-message queue and the numbers that opted out by texting STOP. A text is queued by whoever decides to send
/// it and taken by one silo at a time (<c>FOR UPDATE SKIP LOCKED</c>); one a silo took and never finished (it died) is
/// taken again after <see cref="SendingTimeout"/>, so a text is sent at least once: a repeated confirmation is better
/// than a lost one.
/// </summary>
public sealed class TextMessageRepository(NpgsqlDataSource dataSource)
{
    public static readonly TimeSpan SendingTimeout = TimeSpan.FromMinutes(5);

    // To the customer's own number on file, never one said on the call.
    const string InsertForCustomer = """
        INSERT INTO text_messages (phone, body, reason, appointment_id)
        SELECT phone, @body, @reason, @appointment FROM customers WHERE id = @customer
        """;

    const string Take = """
        UPDATE text_messages m SET status = 'sending', attempts = m.attempts + 1, due_at = @now
          FROM (SELECT id FROM text_messages
                 WHERE status = 'queued' AND due_at <= @now OR status = 'sending' AND due_at <= @now - @timeout
                 ORDER BY due_at, id
                 FOR UPDATE SKIP LOCKED
                 LIMIT @limit) due
         WHERE m.id = due.id
        RETURNING m.id, m.phone, m.body, m.attempts - 1
        """;

    const string MarkSent = "UPDATE text_messages SET status = 'sent', message_sid = @sid, sent_at = @now, error = NULL WHERE id = @id";

    const string MarkFailed = "UPDATE text_messages SET status = 'failed', error = @error WHERE id = @id";

    const string MarkSuppressed = "UPDATE text_messages SET status = 'suppressed', error = @error WHERE id = @id";

    const string Retry = "UPDATE text_messages SET status = 'queued', due_at = @due, error = @error WHERE id = @id";

    const string InsertOptOut = "INSERT INTO sms_opt_outs (phone) VALUES (@phone) ON CONFLICT (phone) DO NOTHING";

    const string DeleteOptOut = "DELETE FROM sms_opt_outs WHERE phone = @phone";

    const string SelectOptedOut = "SELECT EXISTS (SELECT 1 FROM sms_opt_outs WHERE phone = @phone)";

    /// <summary>Queues a text to the customer's number on file; false when there is no such customer.</summary>
    public async Task<bool> QueueForCustomerAsync(long customerId, string body, TextMessageReason reason, long? appointmentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        await using var command = dataSource.CreateCommand(InsertForCustomer);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("body", body);
        command.Parameters.AddWithValue("reason", reason.Name());
        command.Parameters.AddWithValue("appointment", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)appointmentId ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Takes up to <paramref name="limit"/> texts due at <paramref name="now"/> for this sender.</summary>
    public async Task<IReadOnlyList<OutgoingText>> TakeDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Take);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("timeout", SendingTimeout);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(r => new OutgoingText(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetInt32(3)), cancellationToken);
    }

    public Task SentAsync(long id, string messageSid, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(MarkSent, cancellationToken, ("id", id), ("sid", messageSid), ("now", now));

    public Task FailedAsync(long id, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(MarkFailed, cancellationToken, ("id", id), ("error", error));

    /// <summary>Not sent, on purpose: the number opted out.</summary>
    public Task SuppressedAsync(long id, string why, CancellationToken cancellationToken) =>
        ExecuteAsync(MarkSuppressed, cancellationToken, ("id", id), ("error", why));

    public Task RetryAsync(long id, DateTimeOffset due, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(Retry, cancellationToken, ("id", id), ("due", due), ("error", error));

    /// <summary>The number texted STOP (or the carrier says it did): no text goes to it again until it texts START.</summary>
    public Task OptOutAsync(string phone, CancellationToken cancellationToken) =>
        ExecuteAsync(InsertOptOut, cancellationToken, ("phone", phone));

    public Task OptInAsync(string phone, CancellationToken cancellationToken) =>
        ExecuteAsync(DeleteOptOut, cancellationToken, ("phone", phone));

    public async Task<bool> IsOptedOutAsync(string phone, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectOptedOut);
        command.Parameters.AddWithValue("phone", phone);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
