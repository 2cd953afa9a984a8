namespace VoiceGrains.Cli.Tests;

public sealed class DatabaseCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    static Task<(int ExitCode, string Output)> RunAsync(string? connectionString, params string[] arguments) =>
        VoiceGrainsCommand.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__voicegrains"] = connectionString }, TimeSpan.FromSeconds(60), arguments);

    [Fact]
    public async Task MigrateSeedAndStatusTellWhatTheyDid()
    {
        var database = await postgres.CreateDatabaseAsync();

        var before = await RunAsync(database, "db", "status");
        var first = await RunAsync(database, "db", "migrate", "--seed");
        var second = await RunAsync(database, "db", "migrate");
        var reseed = await RunAsync(database, "db", "seed");
        var after = await RunAsync(database, "db", "status");

        Assert.Equal(0, before.ExitCode);
        Assert.Contains("none (never migrated)", before.Output, StringComparison.Ordinal);
        Assert.Contains("pending 001 domain_schema", before.Output, StringComparison.Ordinal);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applying migration 001 domain_schema", first.Output, StringComparison.Ordinal);
        Assert.Contains("Demo business loaded.", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Database is up to date at version", second.Output, StringComparison.Ordinal);
        Assert.Contains("already holds a business; nothing seeded", reseed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pending", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateWithoutAConnectionStringSaysWhichSettingIsMissing()
    {
        var (exitCode, output) = await RunAsync(null, "db", "migrate");

        Assert.Equal(2, exitCode);
        Assert.Contains("ConnectionStrings:voicegrains is missing", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateRefusesADatabaseNewerThanTheBuild()
    {
        await using var dataSource = await postgres.CreateMigratedAsync(seed: false);
        await dataSource.ExecuteAsync("INSERT INTO schema_migrations (version, name, sha256) VALUES (999, 'from_the_future', 'x')");

        var (exitCode, output) = await RunAsync(dataSource.ConnectionString, "db", "migrate");

        Assert.Equal(2, exitCode);
        Assert.Contains("newer than this build", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCommandShowsUsage()
    {
        var (exitCode, output) = await RunAsync(null, "db", "explode");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("migrate", output, StringComparison.Ordinal);
    }
}
