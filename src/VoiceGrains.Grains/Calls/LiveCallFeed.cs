using Microsoft.Extensions.Logging;
using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Calls;

/// <summary>
/// A call's updates to the operators' live view (<see cref="StreamNames.LiveCalls"/>). The view is a window on the
/// call, not its record (the calls table is): a publish that fails is logged and the call goes on, since a caller must
/// never hear silence because a console could not be told.
/// </summary>
sealed partial class LiveCallFeed(IAsyncStream<LiveCall> stream, ILogger logger)
{
    public static LiveCallFeed For(IStreamProvider provider, ILogger logger) =>
        new(provider.GetStream<LiveCall>(StreamId.Create(StreamNames.LiveCalls, StreamNames.AllCalls)), logger);

    public async Task PublishAsync(LiveCall call)
    {
        try
        {
            await stream.OnNextAsync(call);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.LiveViewNotTold(logger, e, call.CallSid);
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallSid}: the live view could not be told of a change; the call goes on")]
        public static partial void LiveViewNotTold(ILogger logger, Exception exception, string callSid);
    }
}
