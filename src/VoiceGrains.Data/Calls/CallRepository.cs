using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Data.Calls;

/// <summary>The calls and call_turns tables. Writes are idempotent so a grain can replay them after a failure.</summary>
public sealed class CallRepository(NpgsqlDataSource dataSource)
{
    const string UpsertCall = """
        INSERT INTO calls (call_sid, direction, channel, from_number, to_number, customer_id, status, started_at, ended_at, outcome, recording_path)
        VALUES (@sid, @direction, @channel, @from, @to, @customer, @status, @started, @ended, @outcome, @recording)
        ON CONFLICT (call_sid) DO UPDATE
           SET customer_id = excluded.customer_id, status = excluded.status,
               ended_at = excluded.ended_at, outcome = excluded.outcome, recording_path = excluded.recording_path
        """;

    /// <summary>A whole turn's row (its parameters are <see cref="TurnCommand"/>'s); the insert and the upsert add what a conflict does.</summary>
    const string TurnRow = """
        INSERT INTO call_turns (call_sid, seq, speaker, text, started_at, ended_at,
                                end_of_turn_ms, stt_ms, llm_first_token_ms, tts_first_audio_ms, voice_to_voice_ms,
                                intent, entities, sentiment, input_tokens, output_tokens, interrupted)
        VALUES (@sid, @seq, @speaker, @text, @started, @ended, @eot, @stt, @llm, @tts, @v2v,
                @intent, @entities, @sentiment, @inputTokens, @outputTokens, @interrupted)
        """;

    const string InsertTurn = TurnRow + "\nON CONFLICT (call_sid, seq) DO NOTHING";

    // Every criterion is a parameter that, left null, matches everything (CallFilter); newest first, keyset-paged on the
    // start time. calls_started (010_console_indexes.sql) keeps it an index scan however many calls there are.
    const string SelectCalls = """
        SELECT c.call_sid, c.direction, c.from_number, c.to_number, c.customer_id, cu.name, c.status, c.started_at,
               c.ended_at, c.outcome, c.sentiment, r.rating, c.channel
          FROM calls c
          LEFT JOIN customers cu ON cu.id = c.customer_id
          LEFT JOIN csat_ratings r ON r.call_sid = c.call_sid
         WHERE (NOT @activeOnly OR c.ended_at IS NULL)
           AND c.started_at < @before
           AND (@from::timestamptz IS NULL OR c.started_at >= @from)
           AND (@to::timestamptz IS NULL OR c.started_at < @to)
           AND (@outcome::text IS NULL OR c.outcome = @outcome)
           AND (@direction::text IS NULL OR c.direction = @direction)
           AND (@customer::bigint IS NULL OR c.customer_id = @customer)
           AND (@intent::text IS NULL OR EXISTS (SELECT 1 FROM call_turns t WHERE t.call_sid = c.call_sid AND t.intent = @intent))
           AND (@minSentiment::real IS NULL OR c.sentiment >= @minSentiment)
           AND (@maxSentiment::real IS NULL OR c.sentiment <= @maxSentiment)
           AND (@csat::smallint IS NULL OR r.rating = @csat)
         ORDER BY c.started_at DESC
         LIMIT @limit
        """;

    const string SelectReview = """
        SELECT c.summary, c.sentiment, r.rating
          FROM calls c LEFT JOIN csat_ratings r ON r.call_sid = c.call_sid
         WHERE c.call_sid = @sid
        """;

    // The revision of a turn as an upsert, not an UPDATE: a revision (the first audio's times) can come while the turn's
    // own INSERT is still on its way, and an UPDATE then finds no row and is lost while the INSERT writes the turn as it
    // was. With the upsert either order ends with the revised turn (a concurrent insert is waited for by the index).
    const string UpsertTurn = TurnRow + "\n" + """
        ON CONFLICT (call_sid, seq) DO UPDATE
           SET text = excluded.text, interrupted = excluded.interrupted,
               tts_first_audio_ms = excluded.tts_first_audio_ms, voice_to_voice_ms = excluded.voice_to_voice_ms
        """;

    const string SelectExists = "SELECT EXISTS (SELECT 1 FROM calls WHERE call_sid = @sid)";

    const string SelectNeverConnected = """
        SELECT call_sid FROM calls
         WHERE ended_at IS NULL AND status = 'ringing'
           AND started_at < CASE WHEN direction = 'inbound' THEN @inboundBefore ELSE @outboundBefore END
         ORDER BY started_at
         LIMIT @limit
        """;

    const string UpdateWrapUp = "UPDATE calls SET summary = @summary, sentiment = @sentiment WHERE call_sid = @sid";

    const string UpsertCsat = """
        INSERT INTO csat_ratings (call_sid, rating) VALUES (@sid, @rating)
        ON CONFLICT (call_sid) DO UPDATE SET rating = excluded.rating, rated_at = now()
        """;

    /// <summary>
    /// A stored agent turn as it turned out: after a barge-in, only what the caller heard; once its first audio went
    /// out, its synthesis and voice-to-voice times.
    /// </summary>
    public async Task UpdateTurnAsync(string callSid, CallTurn turn, CancellationToken cancellationToken)
    {
        await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(TurnCommand(UpsertTurn, callSid, turn));
            await batch.ExecuteNonQueryAsync(cancellation);
        }, cancellationToken);
    }

    /// <summary>The call's end-of-call summary and overall sentiment.</summary>
    public async Task SaveWrapUpAsync(string callSid, string summary, float sentiment, CancellationToken cancellationToken)
    {
        await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(UpdateWrapUp);
            command.Parameters.AddWithValue("sid", callSid);
            command.Parameters.AddWithValue("summary", summary);
            command.Parameters.AddWithValue("sentiment", Math.Clamp(sentiment, -1f, 1f));
            await command.ExecuteNonQueryAsync(cancellation);
        }, cancellationToken);
    }

    /// <summary>The caller's satisfaction rating (1–5); a second rating in the same call replaces the first.</summary>
    public async Task RecordCsatAsync(string callSid, int rating, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, 5);
        await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(UpsertCsat);
            command.Parameters.AddWithValue("sid", callSid);
            command.Parameters.AddWithValue("rating", (short)rating);
            await command.ExecuteNonQueryAsync(cancellation);
        }, cancellationToken);
    }

    /// <summary>Writes the call row as the snapshot has it (inserted the first time, updated after).</summary>
    public async Task SaveCallAsync(CallSnapshot call, CancellationToken cancellationToken)
    {
        await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(UpsertCall);
            command.Parameters.AddWithValue("sid", call.CallSid);
            command.Parameters.AddWithValue("direction", DbNames.Of(call.Direction));
            command.Parameters.AddWithValue("channel", DbNames.Of(call.Channel));
            command.Parameters.AddWithValue("from", call.From);
            command.Parameters.AddWithValue("to", call.To);
            command.Parameters.AddWithValue("customer", NpgsqlDbType.Bigint, (object?)call.CustomerId ?? DBNull.Value);
            command.Parameters.AddWithValue("status", DbNames.Of(call.Status));
            command.Parameters.AddWithValue("started", call.StartedAt.ToUniversalTime());
            command.Parameters.AddWithValue("ended", NpgsqlDbType.TimestampTz, (object?)call.EndedAt?.ToUniversalTime() ?? DBNull.Value);
            command.Parameters.AddWithValue("outcome", NpgsqlDbType.Text, (object?)call.Outcome?.Name() ?? DBNull.Value);
            command.Parameters.AddWithValue("recording", NpgsqlDbType.Text, (object?)call.RecordingPath ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellation);
        }, cancellationToken);
    }

    /// <summary>Writes the turns the table does not have yet, in one round trip.</summary>
    public async Task SaveTurnsAsync(string callSid, IEnumerable<CallTurn> turns, CancellationToken cancellationToken)
    {
        await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var batch = dataSource.CreateBatch();
            foreach (var turn in turns)
            {
                batch.BatchCommands.Add(TurnCommand(InsertTurn, callSid, turn));
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellation);
            }
        }, cancellationToken);
    }

    /// <summary>One turn's row, all its columns, for <paramref name="sql"/> (the insert or the upsert).</summary>
    static NpgsqlBatchCommand TurnCommand(string sql, string callSid, CallTurn turn)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("sid", callSid);
        command.Parameters.AddWithValue("seq", turn.Seq);
        command.Parameters.AddWithValue("speaker", DbNames.Of(turn.Speaker));
        command.Parameters.AddWithValue("text", turn.Text);
        command.Parameters.AddWithValue("started", turn.StartedAt.ToUniversalTime());
        command.Parameters.AddWithValue("ended", NpgsqlDbType.TimestampTz, (object?)turn.EndedAt?.ToUniversalTime() ?? DBNull.Value);
        command.Parameters.AddWithValue("eot", NpgsqlDbType.Integer, (object?)turn.Latency.EndOfTurnMs ?? DBNull.Value);
        command.Parameters.AddWithValue("stt", NpgsqlDbType.Integer, (object?)turn.Latency.SpeechToTextMs ?? DBNull.Value);
        command.Parameters.AddWithValue("llm", NpgsqlDbType.Integer, (object?)turn.Latency.LlmFirstTokenMs ?? DBNull.Value);
        command.Parameters.AddWithValue("tts", NpgsqlDbType.Integer, (object?)turn.Latency.TextToSpeechFirstAudioMs ?? DBNull.Value);
        command.Parameters.AddWithValue("v2v", NpgsqlDbType.Integer, (object?)turn.Latency.VoiceToVoiceMs ?? DBNull.Value);
        command.Parameters.AddWithValue("intent", NpgsqlDbType.Text, (object?)turn.Understanding?.Intent ?? DBNull.Value);
        command.Parameters.AddWithValue("entities", NpgsqlDbType.Jsonb,
            turn.Understanding is { } understanding ? JsonSerializer.Serialize(understanding.Entities) : DBNull.Value);
        command.Parameters.AddWithValue("sentiment", NpgsqlDbType.Real, (object?)turn.Understanding?.Sentiment ?? DBNull.Value);
        command.Parameters.AddWithValue("inputTokens", NpgsqlDbType.Integer, (object?)(int?)turn.Tokens?.InputTokens ?? DBNull.Value);
        command.Parameters.AddWithValue("outputTokens", NpgsqlDbType.Integer, (object?)(int?)turn.Tokens?.OutputTokens ?? DBNull.Value);
        command.Parameters.AddWithValue("interrupted", turn.Interrupted);
        return command;
    }

    /// <summary>The newest calls that match, started before <paramref name="before"/> (a page's last start; null for the first page).</summary>
    public async Task<IReadOnlyList<CallListItem>> ListAsync(CallFilter filter, int limit, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(SelectCalls);
            command.Parameters.AddWithValue("activeOnly", filter.ActiveOnly);
            command.Parameters.AddWithValue("limit", limit);
            command.Parameters.AddWithValue("before", (before ?? DateTimeOffset.MaxValue).ToUniversalTime());
            command.Parameters.Add(Nullable("from", NpgsqlDbType.TimestampTz, filter.From?.ToUniversalTime()));
            command.Parameters.Add(Nullable("to", NpgsqlDbType.TimestampTz, filter.To?.ToUniversalTime()));
            command.Parameters.Add(Nullable("outcome", NpgsqlDbType.Text, filter.Outcome));
            command.Parameters.Add(Nullable("direction", NpgsqlDbType.Text, filter.Direction));
            command.Parameters.Add(Nullable("customer", NpgsqlDbType.Bigint, filter.CustomerId));
            command.Parameters.Add(Nullable("intent", NpgsqlDbType.Text, filter.Intent));
            command.Parameters.Add(Nullable("minSentiment", NpgsqlDbType.Real, filter.MinSentiment));
            command.Parameters.Add(Nullable("maxSentiment", NpgsqlDbType.Real, filter.MaxSentiment));
            command.Parameters.Add(Nullable("csat", NpgsqlDbType.Smallint, filter.Csat is { } csat ? (short)csat : null));
            return await command.ReadAllAsync(reader => new CallListItem(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetFloat(10),
                reader.IsDBNull(11) ? null : reader.GetInt16(11),
                reader.GetString(12)), cancellation);
        }, cancellationToken);
    }

    static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    /// <summary>The call's summary, sentiment and rating (null before the call has a row).</summary>
    public async Task<CallReview?> GetReviewAsync(string callSid, CancellationToken cancellationToken)
    {
        return await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(SelectReview);
            command.Parameters.AddWithValue("sid", callSid);
            var rows = await command.ReadAllAsync(reader => new CallReview(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetFloat(1),
                reader.IsDBNull(2) ? null : reader.GetInt16(2)), cancellation);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken);
    }

    /// <summary>Whether a call with this sid was ever started (the calls table has its row).</summary>
    public async Task<bool> ExistsAsync(string callSid, CancellationToken cancellationToken) =>
        await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(SelectExists);
            command.Parameters.AddWithValue("sid", callSid);
            return (bool)(await command.ExecuteScalarAsync(cancellation))!;
        }, cancellationToken);

    /// <summary>
    /// Calls still ringing (their media never connected) that started before these moments, inbound and outbound (an
    /// outbound call rings the callee first), oldest first.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListNeverConnectedAsync(
        DateTimeOffset inboundBefore, DateTimeOffset outboundBefore, int limit, CancellationToken cancellationToken) =>
        await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(SelectNeverConnected);
            command.Parameters.AddWithValue("inboundBefore", inboundBefore.ToUniversalTime());
            command.Parameters.AddWithValue("outboundBefore", outboundBefore.ToUniversalTime());
            command.Parameters.AddWithValue("limit", limit);
            return await command.ReadAllAsync(reader => reader.GetString(0), cancellation);
        }, cancellationToken);
}
