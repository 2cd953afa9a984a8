using Microsoft.Extensions.Logging;

namespace VoiceGrains.Contracts;

/// <summary>
/// Keeps trying to reach the cluster while no silo is up yet (a client host — the front end, the console — may start
/// first, or all silos may be restarting), backing off to at most 10 s between tries and saying so in the log.
/// </summary>
public sealed partial class GatewayRetryFilter(ILogger<GatewayRetryFilter> logger) : IClientConnectionRetryFilter
{
    static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    int attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        attempt++;
        var delay = TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(attempt, 10))));
        Log.ClusterUnreachable(logger, attempt, delay.TotalSeconds, exception.Message);
        await Task.Delay(delay, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans cluster not reachable (attempt {Attempt}); retrying in {DelaySeconds:0.#} s: {Reason}")]
        public static partial void ClusterUnreachable(ILogger logger, int attempt, double delaySeconds, string reason);
    }
}
