using Npgsql;

namespace VoiceGrains.Data.Analytics;

/// <summary>
/// The console's analytics over a range of calls, each figure one query (so each can be timed: BENCHMARKS.md, "Console
/// queries"). Days and hours are the business's (its time zone, as the daily_stats view counts them). "Contained" is
/// a call the agent finished itself (outcome completed); "transferred" one it moved to a person.
/// </summary>
public sealed class AnalyticsRepository(NpgsqlDataSource dataSource)
{
    const string Zone = "coalesce((SELECT time_zone FROM business WHERE id = 1), 'UTC')";

    const string SelectDaily = $"""
        SELECT (c.started_at AT TIME ZONE {Zone})::date AS day, count(*), avg(extract(epoch FROM c.ended_at - c.started_at)),
               count(*) FILTER (WHERE c.outcome = 'completed'), count(*) FILTER (WHERE c.outcome = 'transferred'),
               avg(c.sentiment), avg(r.rating), count(r.rating)
          FROM calls c
          LEFT JOIN csat_ratings r ON r.call_sid = c.call_sid
         WHERE c.started_at >= @from AND c.started_at < @to
         GROUP BY 1
         ORDER BY 1
        """;

    // Reads call_turns_latency alone (010_console_indexes.sql). Turns are dated by their own start, which for a call
    // that crosses midnight puts its later answers on the next day, as a person reading the turns would.
    const string SelectDailyLatency = $"""
        SELECT (t.started_at AT TIME ZONE {Zone})::date AS day, count(*),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY t.voice_to_voice_ms),
               percentile_cont(0.95) WITHIN GROUP (ORDER BY t.voice_to_voice_ms)
          FROM call_turns t
         WHERE t.voice_to_voice_ms IS NOT NULL AND t.started_at >= @from AND t.started_at < @to
         GROUP BY 1
         ORDER BY 1
        """;

    const string SelectHours = $"""
        SELECT extract(hour FROM c.started_at AT TIME ZONE {Zone})::int::text, count(*)
          FROM calls c WHERE c.started_at >= @from AND c.started_at < @to
         GROUP BY 1 ORDER BY 1::int
        """;

    const string SelectOutcomes = """
        SELECT coalesce(outcome, 'in_progress'), count(*)
          FROM calls WHERE started_at >= @from AND started_at < @to
         GROUP BY 1 ORDER BY 2 DESC
        """;

    const string SelectCsat = """
        SELECT r.rating::text, count(*)
          FROM csat_ratings r JOIN calls c ON c.call_sid = r.call_sid
         WHERE c.started_at >= @from AND c.started_at < @to
         GROUP BY 1 ORDER BY 1
        """;

    // What callers called about: the conversational intents every call has (yes, goodbye, a rating…) are left out.
    const string SelectIntents = """
        SELECT t.intent, count(*)
          FROM call_turns t
         WHERE t.speaker = 'caller' AND t.intent IS NOT NULL AND t.started_at >= @from AND t.started_at < @to
           AND t.intent NOT IN ('unknown', 'greeting', 'thanks', 'goodbye', 'repeat', 'yes', 'no', 'rate')
         GROUP BY 1 ORDER BY 2 DESC, 1
         LIMIT @limit
        """;

    const string SelectFunctions = """
        SELECT name, count(*), count(*) FILTER (WHERE success), avg(duration_ms)
          FROM function_calls
         WHERE called_at >= @from AND called_at < @to
         GROUP BY 1 ORDER BY 2 DESC, 1
        """;

    public Task<IReadOnlyList<DailyFigures>> DailyAsync(AnalyticsRange range, CancellationToken cancellationToken) =>
        QueryAsync(SelectDaily, range, null, reader => new DailyFigures(
            DateOnly.FromDateTime(reader.GetDateTime(0)),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : (double)reader.GetDecimal(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.IsDBNull(5) ? null : reader.GetDouble(5),
            reader.IsDBNull(6) ? null : (double)reader.GetDecimal(6),
            reader.GetInt64(7)), cancellationToken);

    public Task<IReadOnlyList<DailyLatency>> DailyLatencyAsync(AnalyticsRange range, CancellationToken cancellationToken) =>
        QueryAsync(SelectDailyLatency, range, null, reader => new DailyLatency(
            DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3)), cancellationToken);

    /// <summary>Calls per hour of the business's day (hours without calls are left out).</summary>
    public Task<IReadOnlyList<CountOf>> HoursAsync(AnalyticsRange range, CancellationToken cancellationToken) =>
        QueryAsync(SelectHours, range, null, Count, cancellationToken);

    public Task<IReadOnlyList<CountOf>> OutcomesAsync(AnalyticsRange range, CancellationToken cancellationToken) =>
        QueryAsync(SelectOutcomes, range, null, Count, cancellationToken);

    /// <summary>How many calls were rated 1, 2, … 5.</summary>
    public Task<IReadOnlyList<CountOf>> CsatAsync(AnalyticsRange range, CancellationToken cancellationToken) =>
        QueryAsync(SelectCsat, range, null, Count, cancellationToken);

    /// <summary>The callers' most frequent intents, turn by turn.</summary>
    public Task<IReadOnlyList<CountOf>> TopIntentsAsync(AnalyticsRange range, int limit, CancellationToken cancellationToken) =>
        QueryAsync(SelectIntents, range, limit, Count, cancellationToken);

    public Task<IReadOnlyList<FunctionFigures>> FunctionsAsync(AnalyticsRange range, CancellationToken cancellationToken) =>
        QueryAsync(SelectFunctions, range, null, reader => new FunctionFigures(
            reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), (double)reader.GetDecimal(3)), cancellationToken);

    static CountOf Count(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetInt64(1));

    async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, AnalyticsRange range, int? limit, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.Problem is { } problem)
        {
            throw new ArgumentException(problem, nameof(range));
        }
        return await DatabaseRetry.RunAsync(async cancellation =>
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("from", range.From.ToUniversalTime());
            command.Parameters.AddWithValue("to", range.To.ToUniversalTime());
            if (limit is { } rows)
            {
                command.Parameters.AddWithValue("limit", rows);
            }
            return await command.ReadAllAsync(read, cancellation);
        }, cancellationToken);
    }
}
