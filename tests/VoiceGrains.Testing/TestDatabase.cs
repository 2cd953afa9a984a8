using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VoiceGrains.Data.Migrations;

namespace VoiceGrains.Testing;

/// <summary>Fresh databases on the fixture's server, migrated (and seeded) with the product's own migrator.</summary>
public static class TestDatabase
{
    public static async Task<NpgsqlDataSource> CreateMigratedAsync(this PostgresFixture postgres, bool seed = true)
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        if (seed)
        {
            await new DemoSeeder(dataSource).SeedAsync(CancellationToken.None);
        }
        return dataSource;
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(this NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
