using Npgsql;

namespace VoiceGrains.Data.Campaigns;

/// <summary>
/// Numbers the business must not call: honoured by every campaign before each dial and by single outbound calls.
/// An operator adds and removes them; a callee who asks on a call is added by the agent.
/// </summary>
public sealed class DoNotCallRepository(NpgsqlDataSource dataSource)
{
    const string Insert = "INSERT INTO do_not_call (phone, source) VALUES (@phone, @source) ON CONFLICT (phone) DO NOTHING";

    const string Delete = "DELETE FROM do_not_call WHERE phone = @phone";

    const string SelectOne = "SELECT EXISTS (SELECT 1 FROM do_not_call WHERE phone = @phone)";

    const string SelectAll = "SELECT phone, source, added_at FROM do_not_call ORDER BY added_at DESC, phone LIMIT @limit";

    /// <summary>Adds a number (E.164); false when it was on the list already.</summary>
    public async Task<bool> AddAsync(string phone, DoNotCallSource source, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Insert);
        command.Parameters.AddWithValue("phone", phone);
        command.Parameters.AddWithValue("source", source == DoNotCallSource.Callee ? "callee" : "operator");
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Removes a number; false when it was not on the list.</summary>
    public async Task<bool> RemoveAsync(string phone, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Delete);
        command.Parameters.AddWithValue("phone", phone);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> ContainsAsync(string phone, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectOne);
        command.Parameters.AddWithValue("phone", phone);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The newest entries first.</summary>
    public async Task<IReadOnlyList<DoNotCallEntry>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectAll);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(
            r => new DoNotCallEntry(r.GetString(0), r.GetString(1) == "callee" ? DoNotCallSource.Callee : DoNotCallSource.Operator, r.GetFieldValue<DateTimeOffset>(2)),
            cancellationToken);
    }
}
