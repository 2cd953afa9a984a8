namespace VoiceGrains.Frontend.Recordings;

/// <summary>Applies the retention setting at start and then every hour.</summary>
public sealed partial class RecordingRetention(RecordingStore store, ILogger<RecordingRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var hourly = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                if (store.DeleteExpired() is > 0 and var deleted)
                {
                    LogDeleted(logger, deleted, store.Folder);
                }
            }
            catch (IOException e)
            {
                LogFailed(logger, e, store.Folder);
            }
        }
        while (await hourly.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} recording file(s) past retention from {Folder}")]
    static partial void LogDeleted(ILogger logger, int count, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not apply recording retention in {Folder}")]
    static partial void LogFailed(ILogger logger, Exception exception, string folder);
}
