using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace VoiceGrains.Data;

/// <summary>
/// Waits for PostgreSQL at start-up. An unreachable or starting server is retried with capped exponential
/// backoff, so a silo started before its database joins once the database is up. A database that does not
/// exist yet is waited for too (it is often created just after the server starts). A server that refuses
/// the credentials will not change its mind: that fails at once.
/// </summary>
public static partial class DatabaseAvailability
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);

    public static async Task WaitAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        var delay = TimeSpan.FromMilliseconds(500);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                if (attempt > 1)
                {
                    Log.DatabaseReachable(logger, attempt);
                }
                return;
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                Log.DatabaseUnreachable(logger, attempt, delay.TotalSeconds, e.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
            catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DatabaseConfigurationException(
                    $"PostgreSQL refused the connection given by {VoiceGrainsDatabase.SettingName}: {e.Message}");
            }
        }
    }

    static bool IsTransient(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.InvalidCatalogName,
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    };

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL is not reachable (attempt {Attempt}); retrying in {DelaySeconds:0.#} s: {Reason}")]
        public static partial void DatabaseUnreachable(ILogger logger, int attempt, double delaySeconds, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL is reachable after {Attempt} attempts")]
        public static partial void DatabaseReachable(ILogger logger, int attempt);
    }
}
