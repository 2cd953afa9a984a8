using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using VoiceGrains.Data;

namespace VoiceGrains.Operators;

/// <summary>
/// Entity Framework's side of <see cref="DatabaseRetry"/>: the same errors are retried (those Npgsql calls transient),
/// with the same first step (every pool cleared of the dead connections a PostgreSQL restart leaves), for about as long.
/// Without it the first sign-in or API token checked after a restart failed with a 500 (the end-to-end restart test
/// caught it), since Identity's stores read through Entity Framework, not through the repositories.
/// </summary>
sealed class DatabaseRetryStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, maxRetryCount: 8, maxRetryDelay: TimeSpan.FromSeconds(4))
{
    protected override bool ShouldRetryOn(Exception exception) => DatabaseRetry.IsTransient(exception);

    protected override void OnRetry()
    {
        if (ExceptionsEncountered.Count == 1)
        {
            NpgsqlConnection.ClearAllPools();
        }
    }
}
