using Microsoft.Extensions.Options;
using Npgsql;
using VoiceGrains.Data;
using VoiceGrains.Data.Migrations;

namespace VoiceGrains.Silo;

/// <summary>
/// Waits for PostgreSQL, migrates (in development) or checks the schema version, and seeds demo data when asked.
/// A schema newer than this build, or one not migrated yet outside development, stops the silo with a clear message.
/// </summary>
sealed partial class DatabaseStartup(
    NpgsqlDataSource dataSource,
    DatabaseMigrator migrator,
    DemoSeeder seeder,
    IOptions<DatabaseStartupOptions> options,
    IHostEnvironment environment,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseAvailability.WaitAsync(dataSource, logger, cancellationToken);

        if (options.Value.MigrateOnStart ?? environment.IsDevelopment())
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else
        {
            await RequireCurrentSchemaAsync(cancellationToken);
        }

        if (options.Value.SeedDemoData && await seeder.SeedAsync(cancellationToken))
        {
            Log.Seeded(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task RequireCurrentSchemaAsync(CancellationToken cancellationToken)
    {
        var expected = MigrationScript.All[^1].Version;
        var current = await migrator.CurrentVersionAsync(cancellationToken);
        if (current > expected)
        {
            throw new DatabaseNewerThanCodeException(current.Value, expected);
        }
        if (current != expected)
        {
            throw new DatabaseNotMigratedException(current, expected);
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Demo business loaded into an empty database")]
        public static partial void Seeded(ILogger logger);
    }
}
