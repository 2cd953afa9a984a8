using Npgsql;
using NpgsqlTypes;
using VoiceGrains.Data.Customers;

using VoiceGrains.Contracts.Campaigns;

namespace VoiceGrains.Data.Campaigns;

/// <summary>
/// The campaigns, their contacts and attempts. Creating a campaign and adding contacts is the operators' (through the
/// API); everything after a campaign starts is written by its grain alone, which is the one activation that dials.
/// </summary>
public sealed class CampaignRepository(NpgsqlDataSource dataSource)
{
    const string CampaignColumns = """
        id, name, kind, purpose, status, window_start, window_end, time_zone, max_concurrent, calls_per_second,
        max_attempts, retry_after, machine_message, created_at, remind_before, start_at, survey_id, text_reminders
        """;

    const int CampaignColumnCount = 18;

    // The zone defaults to the business's: the one "local time" the installation already knows.
    const string InsertCampaign = $"""
        INSERT INTO campaigns (name, kind, purpose, window_start, window_end, time_zone, max_concurrent, calls_per_second,
                               max_attempts, retry_after, machine_message, remind_before, start_at, survey_id, text_reminders)
        VALUES (@name, @kind, @purpose, @windowStart, @windowEnd, COALESCE(@zone, (SELECT time_zone FROM business WHERE id = 1), 'UTC'),
                @maxConcurrent, @callsPerSecond, @maxAttempts, @retryAfter, @machineMessage, @remindBefore, @startAt, @survey, @textReminders)
        ON CONFLICT (name) DO NOTHING
        RETURNING {CampaignColumns}
        """;

    const string SelectCampaign = $"SELECT {CampaignColumns} FROM campaigns WHERE id = @id";

    const string InsertContact = """
        INSERT INTO campaign_contacts (campaign_id, phone, name, customer_id, time_zone)
        VALUES (@campaign, @phone, @name, @customer, @zone)
        ON CONFLICT (campaign_id, phone, appointment_id) DO NOTHING
        """;

    // Booked appointments starting within the campaign's remind_before whose customer has a number and that the campaign
    // has not taken yet; the grain words each one's purpose in the business's time and adds it.
    const string SelectAppointmentsDue = """
        SELECT a.id, cu.id, cu.name, cu.phone, sv.name, st.name, s.starts_at
          FROM appointments a
          JOIN appointment_slots s ON s.id = a.slot_id
          JOIN services sv ON sv.id = s.service_id
          JOIN staff st ON st.id = s.staff_id
          JOIN customers cu ON cu.id = a.customer_id
         WHERE a.status = 'booked' AND s.starts_at > @now AND s.starts_at <= @now + @before AND cu.phone IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM campaign_contacts k WHERE k.campaign_id = @campaign AND k.appointment_id = a.id)
         ORDER BY s.starts_at
         LIMIT @limit
        """;

    const string InsertReminder = """
        INSERT INTO campaign_contacts (campaign_id, phone, name, customer_id, appointment_id, purpose)
        VALUES (@campaign, @phone, @name, @customer, @appointment, @purpose)
        ON CONFLICT (campaign_id, phone, appointment_id) DO NOTHING
        """;

    const string SelectCustomerExists = "SELECT count(*) FROM customers WHERE id = ANY(@ids)";

    const string UpdateStatus = "UPDATE campaigns SET status = @status WHERE id = @id";

    // Each campaign with its contacts counted by state and its calls placed, in one round trip however many campaigns.
    const string SelectProgress = $"""
        SELECT {CampaignColumns}, p.*
          FROM (SELECT * FROM campaigns WHERE @id::bigint IS NULL OR id = @id ORDER BY id DESC LIMIT @limit) campaigns
         CROSS JOIN LATERAL (
               SELECT count(*),
                      count(*) FILTER (WHERE k.state = 'pending'), count(*) FILTER (WHERE k.state = 'in_progress'),
                      count(*) FILTER (WHERE k.state = 'reached'), count(*) FILTER (WHERE k.state = 'voicemail'),
                      count(*) FILTER (WHERE k.state = 'failed'), count(*) FILTER (WHERE k.state = 'opted_out'),
                      (SELECT count(*) FROM campaign_attempts a WHERE a.campaign_id = campaigns.id AND a.call_sid IS NOT NULL)
                 FROM campaign_contacts k WHERE k.campaign_id = campaigns.id) p
         ORDER BY id DESC
        """;

    const string ContactColumns = "id, phone, name, customer_id, time_zone, state, attempts, next_attempt_at, last_outcome, appointment_id, purpose";

    const string SelectContacts = $"SELECT {ContactColumns} FROM campaign_contacts WHERE campaign_id = @id ORDER BY id LIMIT @limit OFFSET @offset";

    // Never-tried contacts first, then the longest-waiting retries; the grain keeps those inside their calling window.
    const string SelectDue = $"""
        SELECT {ContactColumns} FROM campaign_contacts
         WHERE campaign_id = @id AND state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
           -- A reminder is only worth a call while its appointment is booked and still ahead.
           AND (appointment_id IS NULL OR EXISTS (
                SELECT 1 FROM appointments a JOIN appointment_slots s ON s.id = a.slot_id
                 WHERE a.id = appointment_id AND a.status = 'booked' AND s.starts_at > @now))
         ORDER BY next_attempt_at NULLS FIRST, id
         LIMIT @limit
        """;

    const string SelectOpenAttempts = """
        SELECT a.attempt_key, a.contact_id, a.attempt, c.phone, c.customer_id, a.call_sid, a.dialled_at, c.purpose
          FROM campaign_attempts a JOIN campaign_contacts c ON c.id = a.contact_id
         WHERE a.campaign_id = @id AND a.ended_at IS NULL
        """;

    // The attempt row and the contact's move to in_progress commit together, before the carrier is asked: a silo
    // that dies after this finds the attempt open and never dials it again.
    const string InsertAttempt = """
        INSERT INTO campaign_attempts (attempt_key, campaign_id, contact_id, attempt, dialled_at)
        VALUES (@key, @campaign, @contact, @attempt, @now);
        UPDATE campaign_contacts SET state = 'in_progress', attempts = @attempt, next_attempt_at = NULL WHERE id = @contact
        """;

    const string UpdateAttemptCall = "UPDATE campaign_attempts SET call_sid = @sid WHERE attempt_key = @key AND (call_sid IS NULL OR call_sid = @sid)";

    const string SelectAttempt = """
        SELECT a.attempt_key, a.contact_id, a.attempt, c.phone, c.customer_id, a.call_sid, a.dialled_at, c.purpose
          FROM campaign_attempts a JOIN campaign_contacts c ON c.id = a.contact_id
         WHERE a.attempt_key = @key
        """;

    // The calls that open attempts placed and that have ended, with how (the call's grain wrote it).
    const string SelectEndedCalls = """
        SELECT a.attempt_key, k.outcome, k.ended_at
          FROM campaign_attempts a JOIN calls k ON k.call_sid = a.call_sid
         WHERE a.campaign_id = @id AND a.ended_at IS NULL AND k.ended_at IS NOT NULL
        """;

    const string FinishAttempt = """
        UPDATE campaign_attempts SET outcome = @outcome, ended_at = @endedAt WHERE attempt_key = @key AND ended_at IS NULL;
        UPDATE campaign_contacts SET state = @state, next_attempt_at = @next, last_outcome = @outcome
         WHERE id = (SELECT contact_id FROM campaign_attempts WHERE attempt_key = @key)
        """;

    const string UpdateContactState = "UPDATE campaign_contacts SET state = @state, last_outcome = @outcome WHERE id = @id";

    /// <summary>Stores a new campaign as a draft; null when the name is taken.</summary>
    public async Task<Campaign?> CreateAsync(CampaignDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(definition));
        }
        var rules = definition.Rules;
        await using var command = dataSource.CreateCommand(InsertCampaign);
        command.Parameters.AddWithValue("name", definition.Name.Trim());
        command.Parameters.AddWithValue("kind", definition.Kind.Name());
        command.Parameters.AddWithValue("purpose", definition.Purpose.Trim());
        command.Parameters.AddWithValue("windowStart", rules.WindowStart);
        command.Parameters.AddWithValue("windowEnd", rules.WindowEnd);
        command.Parameters.Add(new NpgsqlParameter("zone", NpgsqlDbType.Text) { Value = (object?)rules.TimeZone ?? DBNull.Value });
        command.Parameters.AddWithValue("maxConcurrent", rules.MaxConcurrent);
        command.Parameters.AddWithValue("callsPerSecond", (float)rules.CallsPerSecond);
        command.Parameters.AddWithValue("maxAttempts", rules.MaxAttempts);
        command.Parameters.AddWithValue("retryAfter", rules.RetryAfter);
        command.Parameters.Add(new NpgsqlParameter("machineMessage", NpgsqlDbType.Text) { Value = (object?)rules.MachineMessage?.Trim() ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("remindBefore", NpgsqlDbType.Interval) { Value = (object?)rules.RemindBefore ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("startAt", NpgsqlDbType.TimestampTz) { Value = (object?)rules.StartAt ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("survey", NpgsqlDbType.Bigint) { Value = (object?)definition.SurveyId ?? DBNull.Value });
        command.Parameters.AddWithValue("textReminders", rules.TextReminders);
        var created = await command.ReadAllAsync(ReadCampaign, cancellationToken);
        return created.Count == 0 ? null : created[0];
    }

    public async Task<Campaign?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectCampaign);
        command.Parameters.AddWithValue("id", id);
        var rows = await command.ReadAllAsync(ReadCampaign, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Adds contacts to a campaign in one transaction; a number already in the campaign is skipped. Every number must
    /// be E.164, every zone an IANA id, every customer one that exists.
    /// </summary>
    public async Task<ContactsAdded> AddContactsAsync(long campaignId, IReadOnlyList<NewContact> contacts, CancellationToken cancellationToken)
    {
        if (ContactProblem(contacts) is { } problem)
        {
            throw new ArgumentException(problem, nameof(contacts));
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var customers = contacts.Where(c => c.CustomerId is not null).Select(c => c.CustomerId!.Value).Distinct().ToArray();
        if (customers.Length > 0)
        {
            await using var check = new NpgsqlCommand(SelectCustomerExists, connection, transaction);
            check.Parameters.AddWithValue("ids", customers);
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! != customers.Length)
            {
                throw new ArgumentException("A contact names a customer that does not exist.", nameof(contacts));
            }
        }
        var added = 0;
        foreach (var contact in contacts)
        {
            await using var insert = new NpgsqlCommand(InsertContact, connection, transaction);
            insert.Parameters.AddWithValue("campaign", campaignId);
            insert.Parameters.AddWithValue("phone", contact.Phone);
            insert.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = (object?)contact.Name?.Trim() ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("customer", NpgsqlDbType.Bigint) { Value = (object?)contact.CustomerId ?? DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter("zone", NpgsqlDbType.Text) { Value = (object?)contact.TimeZone ?? DBNull.Value });
            added += await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ContactsAdded(added, contacts.Count - added);
    }

    /// <summary>What is wrong with a list of contacts, naming the first bad row (1-based); null when all can be stored.</summary>
    public static string? ContactProblem(IReadOnlyList<NewContact> contacts)
    {
        for (var i = 0; i < contacts.Count; i++)
        {
            var contact = contacts[i];
            if (!PhoneNumber.IsE164(contact.Phone))
            {
                return $"Contact {i + 1}: '{contact.Phone}' is not an E.164 number (e.g. +15550100015).";
            }
            if (contact.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                return $"Contact {i + 1}: '{zone}' is not a time zone (use an IANA id such as America/Chicago).";
            }
            if (contact.Name is { Length: > 200 })
            {
                return $"Contact {i + 1}: the name is longer than 200 characters.";
            }
        }
        return null;
    }

    public async Task SetStatusAsync(long id, CampaignStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateStatus);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("status", status.Name());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The campaign and its contacts counted by state; null when there is no such campaign.</summary>
    public async Task<CampaignProgress?> ProgressAsync(long id, CancellationToken cancellationToken)
    {
        var rows = await ReadProgressAsync(id, 1, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>The newest campaigns first, each with its contacts counted by state.</summary>
    public Task<IReadOnlyList<CampaignProgress>> ListProgressAsync(int limit, CancellationToken cancellationToken) =>
        ReadProgressAsync(null, limit, cancellationToken);

    async Task<IReadOnlyList<CampaignProgress>> ReadProgressAsync(long? id, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectProgress);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Bigint) { Value = (object?)id ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(r =>
        {
            var c = Enumerable.Range(CampaignColumnCount, 8).Select(i => (int)r.GetInt64(i)).ToArray();
            return new CampaignProgress(ReadCampaign(r), c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<CampaignContact>> ContactsAsync(long id, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectContacts);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("limit", limit);
        command.Parameters.AddWithValue("offset", offset);
        return await command.ReadAllAsync(ReadContact, cancellationToken);
    }

    /// <summary>Pending contacts whose next attempt is due at <paramref name="now"/>, never-tried first.</summary>
    public async Task<IReadOnlyList<CampaignContact>> DueContactsAsync(long id, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectDue);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(ReadContact, cancellationToken);
    }

    /// <summary>The attempts placed (or being placed) whose outcome is not known yet.</summary>
    public async Task<IReadOnlyList<CampaignAttempt>> OpenAttemptsAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectOpenAttempts);
        command.Parameters.AddWithValue("id", id);
        return await command.ReadAllAsync(ReadAttempt, cancellationToken);
    }

    public async Task<CampaignAttempt?> GetAttemptAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectAttempt);
        command.Parameters.AddWithValue("key", key);
        var rows = await command.ReadAllAsync(ReadAttempt, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Records attempt number <paramref name="attempt"/> of a contact as being dialled; returns its key.</summary>
    public async Task<string> BeginAttemptAsync(long campaignId, long contactId, int attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = CampaignAttempt.KeyOf(campaignId, contactId, attempt);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(InsertAttempt, connection, transaction);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("contact", contactId);
        command.Parameters.AddWithValue("attempt", attempt);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return key;
    }

    /// <summary>
    /// Ties an attempt to the carrier's call; false when the attempt is tied to another call already (or does not
    /// exist), so one attempt can never claim two calls.
    /// </summary>
    public async Task<bool> RecordCallAsync(string key, string callSid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateAttemptCall);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("sid", callSid);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Open attempts whose call has ended: the attempt key, the call's stored outcome, and when it ended.</summary>
    public async Task<IReadOnlyList<(string Key, string? Outcome, DateTimeOffset EndedAt)>> EndedCallsAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectEndedCalls);
        command.Parameters.AddWithValue("id", id);
        return await command.ReadAllAsync(r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetFieldValue<DateTimeOffset>(2)), cancellationToken);
    }

    /// <summary>Closes an attempt with its outcome and moves its contact on (a final state, or pending until <paramref name="nextAttemptAt"/>).</summary>
    public async Task FinishAttemptAsync(string key, string outcome, DateTimeOffset endedAt, ContactState state, DateTimeOffset? nextAttemptAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(FinishAttempt, connection, transaction);
        command.Parameters.AddWithValue("key", key);
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.AddWithValue("endedAt", endedAt);
        command.Parameters.AddWithValue("state", state.Name());
        command.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = (object?)nextAttemptAt ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Booked appointments within <paramref name="before"/> of <paramref name="now"/> that the campaign has not taken yet, soonest first.</summary>
    public async Task<IReadOnlyList<AppointmentDue>> AppointmentsDueAsync(long campaignId, DateTimeOffset now, TimeSpan before, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectAppointmentsDue);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("before", before);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(
            r => new AppointmentDue(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetFieldValue<DateTimeOffset>(6)),
            cancellationToken);
    }

    /// <summary>Adds an appointment's reminder as a contact, called about <paramref name="purpose"/>; false when the campaign has it already.</summary>
    public async Task<bool> AddReminderAsync(long campaignId, AppointmentDue appointment, string purpose, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(InsertReminder);
        command.Parameters.AddWithValue("campaign", campaignId);
        command.Parameters.AddWithValue("phone", appointment.Phone);
        command.Parameters.AddWithValue("name", appointment.Name);
        command.Parameters.AddWithValue("customer", appointment.CustomerId);
        command.Parameters.AddWithValue("appointment", appointment.AppointmentId);
        command.Parameters.AddWithValue("purpose", purpose);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Sets a contact's state without an attempt (one on the do-not-call list is opted out, never dialled).</summary>
    public async Task SetContactStateAsync(long contactId, ContactState state, string outcome, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(UpdateContactState);
        command.Parameters.AddWithValue("id", contactId);
        command.Parameters.AddWithValue("state", state.Name());
        command.Parameters.AddWithValue("outcome", outcome);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static Campaign ReadCampaign(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), CampaignNames.Parse<CampaignKind>(r.GetString(2))!.Value, r.GetString(3),
        CampaignNames.Parse<CampaignStatus>(r.GetString(4))!.Value,
        new CampaignRules
        {
            WindowStart = r.GetFieldValue<TimeOnly>(5),
            WindowEnd = r.GetFieldValue<TimeOnly>(6),
            TimeZone = r.GetString(7),
            MaxConcurrent = r.GetInt32(8),
            CallsPerSecond = r.GetFloat(9),
            MaxAttempts = r.GetInt32(10),
            RetryAfter = r.GetFieldValue<TimeSpan>(11),
            MachineMessage = r.IsDBNull(12) ? null : r.GetString(12),
            RemindBefore = r.IsDBNull(14) ? null : r.GetFieldValue<TimeSpan>(14),
            StartAt = r.IsDBNull(15) ? null : r.GetFieldValue<DateTimeOffset>(15),
            TextReminders = r.GetBoolean(17),
        },
        r.GetFieldValue<DateTimeOffset>(13),
        r.IsDBNull(16) ? null : r.GetInt64(16));

    static CampaignContact ReadContact(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetInt64(3),
        r.IsDBNull(4) ? null : r.GetString(4), CampaignNames.Parse<ContactState>(r.GetString(5))!.Value, r.GetInt32(6),
        r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? null : r.GetString(8),
        r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10));

    static CampaignAttempt ReadAttempt(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<DateTimeOffset>(6), r.IsDBNull(7) ? null : r.GetString(7));
}
