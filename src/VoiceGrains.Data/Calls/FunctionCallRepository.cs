using Npgsql;
using NpgsqlTypes;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Data.Calls;

/// <summary>The function_calls table: every function the agent invoked during a call.</summary>
public sealed class FunctionCallRepository(NpgsqlDataSource dataSource)
{
    const string Insert = """
        INSERT INTO function_calls (call_sid, turn_seq, name, arguments, result, duration_ms, success, called_at)
        VALUES (@sid, @turn, @name, @arguments::jsonb, @result::jsonb, @duration, @success, @at)
        """;

    const string SelectForCall = """
        SELECT name, arguments::text, result::text, duration_ms, success, turn_seq, called_at
          FROM function_calls WHERE call_sid = @sid ORDER BY called_at, id
        """;

    public async Task RecordAsync(string callSid, FunctionCallRecord call, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.AddWithValue("sid", callSid);
        command.Parameters.AddWithValue("turn", NpgsqlDbType.Integer, (object?)call.TurnSeq ?? DBNull.Value);
        command.Parameters.AddWithValue("name", call.Name);
        command.Parameters.AddWithValue("arguments", call.ArgumentsJson);
        command.Parameters.AddWithValue("result", NpgsqlDbType.Text, (object?)call.ResultJson ?? DBNull.Value);
        command.Parameters.AddWithValue("duration", call.DurationMs);
        command.Parameters.AddWithValue("success", call.Success);
        command.Parameters.AddWithValue("at", call.CalledAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FunctionCallRecord>> ListAsync(string callSid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectForCall);
        command.Parameters.AddWithValue("sid", callSid);
        return await command.ReadAllAsync(reader => new FunctionCallRecord(
            reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetInt32(3), reader.GetBoolean(4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
            reader.GetFieldValue<DateTimeOffset>(6)), cancellationToken);
    }
}
