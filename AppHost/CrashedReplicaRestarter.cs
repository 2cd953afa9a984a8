using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VoiceGrains.AppHost;

/// <summary>
/// Restarts a process of the system that dies on its own, as Kubernetes restarts a pod's container (restartPolicy:
/// Always, with a back-off): in a local run nothing else would, and a dead silo leaves the cluster short — its calls move
/// to the survivors, but capacity does not come back (Aspire runs a project once; it restarts one only when asked, from
/// the dashboard or its <c>resource-restart</c> command, which is what this asks).
/// <para>
/// "Dies" is an exit with a code other than 0: a crash, an OOM kill, SIGKILL. Stopping from the dashboard is SIGTERM, on
/// which the hosts shut down gracefully and exit with 0; such a process stays stopped. The back-off doubles from
/// <see cref="FirstDelay"/> to <see cref="LongestDelay"/> for a process that keeps dying, so a silo that cannot start (a bad
/// setting) does not spin, and starts again from the first delay once a process has run <see cref="LongestDelay"/>.
/// </para>
/// </summary>
sealed partial class CrashedReplicaRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashedReplicaRestarter> logger) : BackgroundService
{
    static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(60);

    /// <summary>The replicas being restarted, by resource id; a replica's exit is seen in several snapshots.</summary>
    readonly HashSet<string> restarting = [];
    /// <summary>The back-off each replica has reached, by resource id.</summary>
    readonly Dictionary<string, TimeSpan> delays = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping.Token))
            {
                if (!change.Resource.HasAnnotationOfType<RestartOnCrashAnnotation>())
                {
                    continue;
                }
                var snapshot = change.Snapshot;
                if (snapshot.State?.Text == KnownResourceStates.Running)
                {
                    restarting.Remove(change.ResourceId);
                }
                else if (snapshot.State?.Text is { } state && (state == KnownResourceStates.Exited || state == KnownResourceStates.Finished)
                         && snapshot.ExitCode is { } code && code != 0 && restarting.Add(change.ResourceId))
                {
                    _ = RestartAsync(change.ResourceId, code, NextDelay(change.ResourceId, RanFor(snapshot)), stopping.Token);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    TimeSpan NextDelay(string resourceId, TimeSpan ranFor)
    {
        var delay = ranFor >= LongestDelay || !delays.TryGetValue(resourceId, out var previous)
            ? FirstDelay
            : TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, LongestDelay.Ticks));
        delays[resourceId] = delay;
        return delay;
    }

    /// <summary>Off the watch loop (which alone touches the fields above), so one replica's back-off delays no other.</summary>
    async Task RestartAsync(string resourceId, int exitCode, TimeSpan delay, CancellationToken cancellationToken)
    {
        Log.Restarting(logger, resourceId, exitCode, delay.TotalSeconds);
        try
        {
            await Task.Delay(delay, cancellationToken);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.RestartCommand, cancellationToken);
            if (!result.Success)
            {
                // Not tried again: it stays stopped, with this error, until someone starts it.
                Log.RestartFailed(logger, resourceId, result.Message ?? "no reason given");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    static TimeSpan RanFor(CustomResourceSnapshot snapshot) =>
        snapshot is { StartTimeStamp: { } started, StopTimeStamp: { } stopped } ? stopped - started : TimeSpan.Zero;

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{ResourceId} exited with code {ExitCode}; restarting it in {DelaySeconds} s")]
        public static partial void Restarting(ILogger logger, string resourceId, int exitCode, double delaySeconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "{ResourceId} could not be restarted: {Reason}")]
        public static partial void RestartFailed(ILogger logger, string resourceId, string reason);
    }
}
