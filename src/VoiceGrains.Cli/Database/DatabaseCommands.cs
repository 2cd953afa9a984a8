using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceGrains.Data;
using VoiceGrains.Data.Migrations;

namespace VoiceGrains.Cli.Database;

/// <summary><c>voicegrains db migrate|seed|status</c>: the schema and demo data, outside any host.</summary>
public static class DatabaseCommands
{
    /// <summary>How long the CLI waits for an unreachable server before giving up.</summary>
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    static readonly Option<string?> Connection = new("--connection")
    {
        Description = $"PostgreSQL connection string (default: the {VoiceGrainsDatabase.SettingName} setting, " +
                      $"e.g. environment ConnectionStrings__{VoiceGrainsDatabase.ConnectionName})",
    };

    static readonly Option<bool> Seed = new("--seed")
    {
        Description = "Also load the demo business into an empty database",
    };

    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending migrations (idempotent); refuses a database newer than this build");
        migrate.Options.Add(Connection);
        migrate.Options.Add(Seed);
        migrate.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, MigrateAsync));

        var seed = new Command("seed", "Load the demo business (customers, orders, calendars) into an empty, migrated database");
        seed.Options.Add(Connection);
        seed.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, SeedAsync));

        var status = new Command("status", "Show the database's schema version and the migrations still pending");
        status.Options.Add(Connection);
        status.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, StatusAsync));

        var db = new Command("db", "Database schema and demo data");
        db.Subcommands.Add(migrate);
        db.Subcommands.Add(seed);
        db.Subcommands.Add(status);
        return db;
    }

    static async Task<int> MigrateAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        Console.WriteLine(result.Applied.Count == 0
            ? $"Database is up to date at version {result.Version}."
            : $"Applied {result.Applied.Count} migration(s): {string.Join(", ", result.Applied)}. Now at version {result.Version}.");
        return parse.GetValue(Seed) ? await SeedAsync(services, parse, cancellationToken) : 0;
    }

    static async Task<int> SeedAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        Console.WriteLine(seeded ? "Demo business loaded." : "The database already holds a business; nothing seeded.");
        return 0;
    }

    static async Task<int> StatusAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        var current = await services.GetRequiredService<DatabaseMigrator>().CurrentVersionAsync(cancellationToken);
        var pending = MigrationScript.All.Where(s => s.Version > (current ?? 0)).ToList();
        Console.WriteLine($"Schema version: {current?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (never migrated)"}; " +
                          $"this build: {MigrationScript.All[^1].Version}.");
        foreach (var script in pending)
        {
            Console.WriteLine($"  pending {script.Version:000} {script.Name}");
        }
        return 0;
    }

    /// <summary>Builds the services a command needs, waits for the server, and turns known failures into one line and exit code 2.</summary>
    static async Task<int> RunAsync(
        ParseResult parse, CancellationToken cancellationToken,
        Func<IServiceProvider, ParseResult, CancellationToken, Task<int>> command)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning).AddFilter("VoiceGrains", LogLevel.Information);
            if (parse.GetValue(Connection) is { } connection)
            {
                builder.Configuration[VoiceGrainsDatabase.SettingName] = connection;
            }

            builder.AddVoiceGrainsDatabase();
            using var host = builder.Build();

            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(ConnectTimeout);
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VoiceGrains.Cli");
            await DatabaseAvailability.WaitAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), logger, connectTimeout.Token);

            return await command(host.Services, parse, cancellationToken);
        }
        catch (DatabaseSetupException e)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"voicegrains: cannot use the database: {e.Message}");
            return 2;
        }
    }
}
