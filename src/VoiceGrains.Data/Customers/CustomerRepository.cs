using Npgsql;
using NpgsqlTypes;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;

namespace VoiceGrains.Data.Customers;

/// <summary>Customers, their recent calls and their follow-ups.</summary>
public sealed class CustomerRepository(NpgsqlDataSource dataSource)
{
    // The no-op update makes RETURNING give the id of an existing row as well as of a new one.
    const string FindOrCreate = """
        INSERT INTO customers (phone) VALUES (@phone)
        ON CONFLICT (phone) DO UPDATE SET phone = excluded.phone
        RETURNING id
        """;

    const string SelectProfile = "SELECT id, phone, name, email, zip, preferences::text, address FROM customers WHERE id = @id";

    const string SelectByPhone = "SELECT id FROM customers WHERE phone = @phone AND name IS NOT NULL";

    // Names compare without case and surrounding space; a name shared by two customers with one ZIP identifies nobody.
    const string SelectByNameAndZip = """
        SELECT id FROM customers
         WHERE lower(btrim(name)) = lower(btrim(@name)) AND btrim(zip) = btrim(@zip)
         LIMIT 2
        """;

    const string SelectByEmail = "SELECT id FROM customers WHERE lower(email) = lower(btrim(@email)) LIMIT 2";

    const string UpdateEmail = "UPDATE customers SET email = @value WHERE id = @id";

    const string UpdateAddress = "UPDATE customers SET address = @value, zip = coalesce(@zip, zip) WHERE id = @id";

    const string InsertNote = "INSERT INTO customer_notes (customer_id, call_sid, note) VALUES (@id, @sid, @note) RETURNING id";

    const string SelectRecentCalls = """
        SELECT call_sid, started_at, ended_at, outcome, summary
          FROM calls WHERE customer_id = @id
         ORDER BY started_at DESC LIMIT @limit
        """;

    // The operators' customer list: the customer_activity view (so the console and psql count alike), searched by name,
    // phone or email, customers with open follow-ups first, then the most recent callers.
    const string SelectCustomers = """
        SELECT a.customer_id, a.name, a.phone, a.calls, a.last_call_at, f.open
          FROM customer_activity a
          JOIN customers cu ON cu.id = a.customer_id
         CROSS JOIN LATERAL (SELECT count(*) AS open FROM follow_ups f WHERE f.customer_id = a.customer_id AND f.status = 'open') f
         WHERE @search::text IS NULL
            OR cu.name ILIKE '%' || @search || '%' OR cu.phone LIKE '%' || @search || '%' OR cu.email ILIKE '%' || @search || '%'
         ORDER BY f.open > 0 DESC, a.last_call_at DESC NULLS LAST, a.customer_id
         LIMIT @limit
        """;

    const string SelectOpenFollowUps = """
        SELECT id, reason, due_at, call_sid FROM follow_ups
         WHERE customer_id = @id AND status = 'open'
         ORDER BY due_at NULLS LAST, id
        """;

    const string InsertFollowUp = """
        INSERT INTO follow_ups (customer_id, call_sid, due_at, reason) VALUES (@id, @sid, @due, @reason)
        RETURNING id
        """;

    const string CompleteFollowUp = "UPDATE follow_ups SET status = 'done' WHERE id = @followUp AND customer_id = @id AND status = 'open'";

    /// <summary>The id of the customer with this E.164 number, creating a bare customer for a new number.</summary>
    public async Task<long> FindOrCreateByPhoneAsync(string phone, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.IsE164(phone))
        {
            throw new ArgumentException($"'{phone}' is not an E.164 phone number.", nameof(phone));
        }

        return await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(FindOrCreate);
            command.Parameters.AddWithValue("phone", phone);
            return (long)(await command.ExecuteScalarAsync(cancellation))!;
        }, cancellationToken);
    }

    public async Task<CustomerProfile?> GetProfileAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectProfile);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new CustomerProfile(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6));
    }

    /// <summary>The known customer (one with a name on file) calling from this number, if any.</summary>
    public Task<long?> FindByPhoneAsync(string phone, CancellationToken cancellationToken) =>
        FindOneAsync(SelectByPhone, cancellationToken, ("phone", phone));

    /// <summary>The one customer with this full name and ZIP code; null when none or more than one match.</summary>
    public Task<long?> FindByNameAndZipAsync(string fullName, string zip, CancellationToken cancellationToken) =>
        FindOneAsync(SelectByNameAndZip, cancellationToken, ("name", fullName), ("zip", zip));

    /// <summary>The one customer with this email address; null when none or more than one match.</summary>
    public Task<long?> FindByEmailAsync(string email, CancellationToken cancellationToken) =>
        FindOneAsync(SelectByEmail, cancellationToken, ("email", email));

    /// <summary>Sets the email; the database refuses a malformed one (check violation).</summary>
    public async Task UpdateEmailAsync(long id, string email, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateEmail);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("value", email.Trim());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets the postal address, and the ZIP code when the new address has one.</summary>
    public async Task UpdateAddressAsync(long id, string address, string? zip, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        await using var command = dataSource.CreateCommand(UpdateAddress);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("value", address.Trim());
        command.Parameters.AddWithValue("zip", NpgsqlDbType.Text, (object?)zip ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> AddNoteAsync(long id, string note, string? callSid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        await using var command = dataSource.CreateCommand(InsertNote);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("sid", NpgsqlDbType.Text, (object?)callSid ?? DBNull.Value);
        command.Parameters.AddWithValue("note", note.Trim());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<CallHistoryEntry>> GetRecentCallsAsync(long id, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectRecentCalls);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(reader => new CallHistoryEntry(
            reader.GetString(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            CallOutcomeNames.Parse(reader.IsDBNull(3) ? null : reader.GetString(3)),
            reader.IsDBNull(4) ? null : reader.GetString(4)), cancellationToken);
    }

    /// <summary>Customers whose name, phone or email contains <paramref name="search"/> (null: all), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<CustomerListItem>> ListAsync(string? search, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(SelectCustomers);
            command.Parameters.Add(new NpgsqlParameter("search", NpgsqlTypes.NpgsqlDbType.Text) { Value = string.IsNullOrWhiteSpace(search) ? DBNull.Value : search.Trim() });
            command.Parameters.AddWithValue("limit", limit);
            return await command.ReadAllAsync(reader => new CustomerListItem(
                reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetInt64(5)), cancellation);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<FollowUp>> GetOpenFollowUpsAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectOpenFollowUps);
        command.Parameters.AddWithValue("id", id);
        return await command.ReadAllAsync(reader => new FollowUp(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetString(3)), cancellationToken);
    }

    public async Task<FollowUp> AddFollowUpAsync(long id, string reason, DateTimeOffset? dueAt, string? callSid, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await using var command = dataSource.CreateCommand(InsertFollowUp);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("sid", NpgsqlDbType.Text, (object?)callSid ?? DBNull.Value);
        command.Parameters.AddWithValue("due", NpgsqlDbType.TimestampTz, (object?)dueAt?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("reason", reason);
        var followUpId = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new FollowUp(followUpId, reason, dueAt, callSid);
    }

    /// <summary>Marks the follow-up done; false when it is not this customer's or not open.</summary>
    public async Task<bool> CompleteFollowUpAsync(long id, long followUpId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CompleteFollowUp);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("followUp", followUpId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    async Task<long?> FindOneAsync(string sql, CancellationToken cancellationToken, params (string Name, string Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        var ids = await command.ReadAllAsync(reader => reader.GetInt64(0), cancellationToken);
        return ids.Count == 1 ? ids[0] : null;
    }
}
