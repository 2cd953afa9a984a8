using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using VoiceGrains.Data.Migrations;

namespace VoiceGrains.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    // Tables, columns, views (with their definitions), indexes and constraints: what "the same schema" means.
    const string SchemaFingerprint = """
        SELECT string_agg(line, E'\n' ORDER BY line) FROM (
            SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, column_default) AS line
              FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL SELECT format('view %s %s', viewname, definition) FROM pg_views WHERE schemaname = 'public'
            UNION ALL SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL SELECT format('constraint %s %s', conname, pg_get_constraintdef(oid))
              FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            UNION ALL SELECT format('query %s %s', querykey, md5(querytext)) FROM orleansquery
        ) s
        """;

    [Fact]
    public async Task MigratingTwiceLeavesTheSameSchema()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var schemaAfterFirst = await dataSource.ScalarAsync<string>(SchemaFingerprint);
        var second = await migrator.MigrateAsync(CancellationToken.None);
        var schemaAfterSecond = await dataSource.ScalarAsync<string>(SchemaFingerprint);

        Assert.Equal(MigrationScript.All.Count, first.Applied.Count);
        Assert.Empty(second.Applied);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(schemaAfterFirst, schemaAfterSecond);
        Assert.Contains("view active_calls", schemaAfterSecond, StringComparison.Ordinal);
        Assert.Equal(MigrationScript.All.Count, (int)await dataSource.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task SilosMigratingAtTheSameMomentApplyEachScriptOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None)));

        Assert.Equal(MigrationScript.All.Count, results.Sum(r => r.Applied.Count));
        Assert.Equal(MigrationScript.All.Count, (int)await dataSource.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task ADatabaseNewerThanTheBuildIsRefusedAndLeftAlone()
    {
        await using var dataSource = await postgres.CreateMigratedAsync(seed: false);
        await dataSource.ExecuteAsync("INSERT INTO schema_migrations (version, name, sha256) VALUES (999, 'from_the_future', 'x')");

        var refusal = await Assert.ThrowsAsync<DatabaseNewerThanCodeException>(() =>
            new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None));

        Assert.Equal(999, refusal.DatabaseVersion);
        Assert.Contains("newer than this build", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationScript.All.Count + 1, (int)await dataSource.ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task AnAppliedMigrationThatWasEditedIsRefused()
    {
        await using var dataSource = await postgres.CreateMigratedAsync(seed: false);
        await dataSource.ExecuteAsync("UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 2");

        await Assert.ThrowsAsync<MigrationChangedException>(() =>
            new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EveryOrleansQueryKeyTheProvidersReadIsInstalled()
    {
        await using var dataSource = await postgres.CreateMigratedAsync(seed: false);
        string[] required =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey",
            "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
            "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowKey", "ReadReminderRowsKey", "ReadRangeRows1Key",
            "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];

        var installed = await dataSource.ScalarAsync<string[]>("SELECT array_agg(querykey ORDER BY querykey) FROM orleansquery");

        Assert.Equal(required.Order(StringComparer.Ordinal), installed);
    }
}
