using Microsoft.Extensions.Options;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data;
using VoiceGrains.Data.Calls;
using VoiceGrains.Grains.Calls;
using VoiceGrains.Telephony;

namespace VoiceGrains.Silo;

/// <summary>
/// Ends the calls whose media never connected: still "ringing" once their media token has expired and
/// <see cref="CallOptions.NeverConnectedGrace"/> has passed (outbound calls get <see cref="OutboundRinging"/> more). They come from the calls table, so they are found after a
/// restart too; every silo looks (ending a call twice keeps the first outcome), once per grace period.
/// </summary>
sealed partial class NeverConnectedCalls(
    CallRepository calls, IGrainFactory grains, IOptions<CallOptions> callOptions, IOptions<TwilioOptions> twilio,
    TimeProvider time, ILogger<NeverConnectedCalls> logger) : BackgroundService
{
    const int Batch = 500;

    /// <summary>
    /// An outbound call is started when it is placed, before the callee answers: Twilio rings for 60 s by default and its
    /// answering-machine detection takes up to 30 s more before the voice webhook issues the token
    /// (https://www.twilio.com/docs/voice/api/call-resource). A call it never connects is ended by its status callback.
    /// </summary>
    static readonly TimeSpan OutboundRinging = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grace = callOptions.Value.NeverConnectedGrace;
        using var timer = new PeriodicTimer(grace, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var before = time.GetUtcNow() - twilio.Value.MediaTokenLifetime - grace;
                foreach (var sid in await calls.ListNeverConnectedAsync(before, before - OutboundRinging, Batch, stoppingToken))
                {
                    await grains.GetGrain<ICallGrain>(sid).EndAsync(CallOutcome.NeverConnected);
                    Log.Ended(logger, sid);
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or DatabaseUnavailableException || DatabaseRetry.IsTransient(e))
            {
                Log.Failed(logger, e);
            }
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: its media never connected; ended as never_connected")]
        public static partial void Ended(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not end the calls whose media never connected; trying again later")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
