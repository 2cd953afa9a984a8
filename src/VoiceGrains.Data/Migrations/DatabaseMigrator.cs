using Microsoft.Extensions.Logging;
using Npgsql;

namespace VoiceGrains.Data.Migrations;

/// <summary>
/// Applies db/migrations in order, all pending ones in one transaction, and records each in schema_migrations.
/// A transaction-level advisory lock serialises silos that start together. A database that has a migration
/// this build does not know is newer than the code: it is refused, never downgraded.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Any constant works; it only has to be the same in every process that migrates this database.
    const long AdvisoryLockKey = 0x566f69636547;

    const string CreateHistory = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            sha256     text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    const string ReadHistory = "SELECT version, name, sha256 FROM schema_migrations ORDER BY version";

    const string RecordApplied = "INSERT INTO schema_migrations (version, name, sha256) VALUES (@version, @name, @sha256)";

    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        var scripts = MigrationScript.All;
        var newest = scripts[^1].Version;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        await ExecuteAsync(connection, CreateHistory, cancellationToken);

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        var unknown = applied.Keys.Where(v => v > newest).ToList();
        if (unknown.Count > 0)
        {
            throw new DatabaseNewerThanCodeException(applied.Keys.Max(), newest);
        }

        foreach (var script in scripts.Where(s => applied.ContainsKey(s.Version)))
        {
            if (applied[script.Version] != script.Sha256)
            {
                throw new MigrationChangedException(script.Version, script.Name);
            }
        }

        var pending = scripts.Where(s => !applied.ContainsKey(s.Version)).ToList();
        foreach (var script in pending)
        {
            Log.Applying(logger, script.Version, script.Name);
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(RecordApplied, connection);
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("sha256", script.Sha256);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Log.UpToDate(logger, newest, pending.Count);
        return new MigrationResult(newest, pending.Select(s => $"{s.Version:000}_{s.Name}").ToList());
    }

    /// <summary>The newest migration recorded in the database, or null for a database never migrated.</summary>
    public async Task<int?> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var exists = dataSource.CreateCommand("SELECT to_regclass('schema_migrations') IS NOT NULL");
        if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
        {
            return null;
        }

        await using var newest = dataSource.CreateCommand("SELECT max(version) FROM schema_migrations");
        return await newest.ExecuteScalarAsync(cancellationToken) as int?;
    }

    static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadHistory, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(2);
        }
        return applied;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Version:000} {Name}")]
        public static partial void Applying(ILogger logger, int version, string name);

        [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is at version {Version} ({Applied} applied now)")]
        public static partial void UpToDate(ILogger logger, int version, int applied);
    }
}
