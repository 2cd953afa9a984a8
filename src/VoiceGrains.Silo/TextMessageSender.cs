using Microsoft.Extensions.Options;
using VoiceGrains.Contracts;
using VoiceGrains.Data;
using VoiceGrains.Grains.Messaging;

namespace VoiceGrains.Silo;

/// <summary>
/// Each silo sends queued texts every <see cref="TextMessageOptions.PollInterval"/>; silos take different texts
/// (the queue hands each to one), so any number of them may run.
/// </summary>
sealed partial class TextMessageSender(TextMessageDelivery delivery, IOptions<TextMessageOptions> options, TimeProvider time, ILogger<TextMessageSender> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // A full batch: more may be due at once.
                while (await delivery.SendDueAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception e) when (e is DatabaseUnavailableException || DatabaseRetry.IsTransient(e))
            {
                Log.Failed(logger, e);
            }
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the queued texts; trying again later")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
