namespace VoiceGrains.Silo;

/// <summary>
/// Says at start which speech models this silo lacks, so nobody mistakes a silo that cannot hear for one that
/// hears nothing: there is no fallback that pretends to transcribe. The silo still starts (the rest works).
/// </summary>
sealed partial class SpeechModelCheck(SpeechSettings settings, ILogger<SpeechModelCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var store = settings.Store;
        foreach (var model in new[] { settings.Vad, settings.Recognizer })
        {
            if (!SpeechSettings.IsUsable(model))
            {
                Log.NotForCalls(logger, model.Name, model.Kind);
            }
            else if (store.IsInstalled(model))
            {
                Log.Installed(logger, model.Name, store.PathOf(model));
            }
            else
            {
                Log.Missing(logger, model.Name, model.Kind, store.Directory, model.Name);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Speech model {Model} is installed at {Path}")]
        public static partial void Installed(ILogger logger, string model, string path);

        [LoggerMessage(Level = LogLevel.Error, Message = "Speech model {Model} is a {Kind}: it cannot serve calls; configure a real model")]
        public static partial void NotForCalls(ILogger logger, string model, string kind);

        [LoggerMessage(Level = LogLevel.Error, Message = "Speech model {Model} ({Kind}) is not installed in {Directory}: calls cannot use it until it is. Run: voicegrains models fetch {Fetch}")]
        public static partial void Missing(ILogger logger, string model, string kind, string directory, string fetch);
    }
}
