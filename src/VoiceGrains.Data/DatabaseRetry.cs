using Npgsql;
using Polly;
using Polly.Retry;

namespace VoiceGrains.Data;

/// <summary>
/// Retries what failed because the database was briefly unreachable (a restart, a failover), with Polly's retry
/// strategy: exponential backoff with jitter from 250 ms, for about 20 s in all (a PostgreSQL restart took about 6 s
/// when measured). Only errors Npgsql calls transient are retried (NpgsqlException.IsTransient: connection failures,
/// the server shutting down or not yet accepting connections); a constraint violation or a bad statement fails at once.
/// <para>
/// A restart leaves every idle pooled connection dead, and Npgsql only finds out when one is used: without help a
/// later request got a dead connection minutes after the restart (Npgsql prunes idle connections after
/// ConnectionIdleLifetime, 300 s by default). So the first retry clears all pools, the Orleans storage's included
/// (they share the process's pools by connection string).
/// </para>
/// <para>
/// Only idempotent work goes through it (the repositories' upserts and reads, the grains' state writes): a statement
/// that reached a server as it went down may or may not have been applied, and is applied again.
/// </para>
/// </summary>
public static class DatabaseRetry
{
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 8,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(4),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = retry =>
            {
                if (retry.AttemptNumber == 0)
                {
                    NpgsqlConnection.ClearAllPools();
                }
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    /// <summary>The failure, or one it wraps, is a database error worth trying again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };

    /// <summary>
    /// Runs the work, retried, on the caller's scheduler throughout. Polly resumes after its waits wherever the wait
    /// ended unless its context says to keep the captured one; a grain's state write retried off its activation failed
    /// with Orleans' "Activation access violation" (not a transient error, so nothing retried it), and a caller line that
    /// arrived while PostgreSQL restarted was lost (FailureTests, under load).
    /// </summary>
    public static async ValueTask RunAsync(Func<CancellationToken, ValueTask> work, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken);
        try
        {
            await Pipeline.ExecuteAsync(static (context, work) => work(context.CancellationToken), context, work);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc cref="RunAsync(Func{CancellationToken, ValueTask}, CancellationToken)"/>
    public static async ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(continueOnCapturedContext: true, cancellationToken);
        try
        {
            return await Pipeline.ExecuteAsync(static (context, work) => work(context.CancellationToken), context, work);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
