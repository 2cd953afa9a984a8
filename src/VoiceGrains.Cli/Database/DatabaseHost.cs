using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceGrains.Data;

namespace VoiceGrains.Cli.Database;

/// <summary>The host every database-backed command runs in: configuration, the data source, and its errors as one line.</summary>
static class DatabaseHost
{
    /// <summary>How long the CLI waits for an unreachable server before giving up.</summary>
    static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = $"PostgreSQL connection string (default: the {VoiceGrainsDatabase.SettingName} setting, " +
                      $"e.g. environment ConnectionStrings__{VoiceGrainsDatabase.ConnectionName})",
    };

    /// <summary>Builds the services a command needs, waits for the server, and turns known failures into one line and exit code 2.</summary>
    public static async Task<int> RunAsync(
        ParseResult parse,
        Func<IServiceProvider, ParseResult, CancellationToken, Task<int>> command,
        Action<HostApplicationBuilder>? configure,
        CancellationToken cancellationToken)
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
            configure?.Invoke(builder);
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
