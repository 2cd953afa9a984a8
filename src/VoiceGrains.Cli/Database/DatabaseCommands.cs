using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Data;
using VoiceGrains.Data.Migrations;

namespace VoiceGrains.Cli.Database;

/// <summary><c>voicegrains db migrate|seed|status</c>: the schema and demo data, outside any host.</summary>
public static class DatabaseCommands
{
    static readonly Option<bool> Seed = new("--seed")
    {
        Description = "Also load the demo business into an empty database",
    };

    static readonly Option<int?> History = new("--history")
    {
        Description = $"Also add this many finished calls (1-{HistorySeeder.MaxCalls:N0}) with turns, function calls, CSAT and sentiment, for analytics",
    };

    static readonly Option<int> Days = new("--days")
    {
        Description = "The history spans this many days before today (default 180)",
        DefaultValueFactory = _ => 180,
    };

    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply pending migrations (idempotent); refuses a database newer than this build");
        migrate.Options.Add(DatabaseHost.Connection);
        migrate.Options.Add(Seed);
        migrate.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, MigrateAsync, null, cancellationToken));

        var seed = new Command("seed", "Load the demo business (customers, orders, calendars) into an empty, migrated database; --history N adds a call history");
        seed.Options.Add(DatabaseHost.Connection);
        seed.Options.Add(History);
        seed.Options.Add(Days);
        seed.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, SeedAsync, null, cancellationToken));

        var status = new Command("status", "Show the database's schema version and the migrations still pending");
        status.Options.Add(DatabaseHost.Connection);
        status.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, StatusAsync, null, cancellationToken));

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
        var history = parse.GetValue(History);
        Console.WriteLine(seeded ? "Demo business loaded." : history is null ? "The database already holds a business; nothing seeded." : "The database already holds a business.");
        if (history is { } calls)
        {
            var days = parse.GetValue(Days);
            if (calls is < 1 or > HistorySeeder.MaxCalls || days < 1)
            {
                await Console.Error.WriteLineAsync($"voicegrains: --history takes 1 to {HistorySeeder.MaxCalls:N0} calls and --days at least 1.");
                return 2;
            }
            Console.WriteLine($"Adding {calls:N0} calls over the last {days} days…");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await services.GetRequiredService<HistorySeeder>().SeedAsync(calls, days, cancellationToken);
            Console.WriteLine($"Added {calls:N0} calls in {clock.Elapsed.TotalSeconds:0.0} s.");
        }
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
}
