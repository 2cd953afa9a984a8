using Orleans.Streams;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>
/// A media session's subscription to its call's audio-out stream, kept through a silo's death. While a silo dies,
/// a stream pulling agent that cannot reach this client for a moment (it was connected through that silo) takes the
/// client for gone and removes its subscription from pub/sub for good (on ClientNotAvailableException; see
/// dotnet/orleans #7932): the caller would hear nothing more. Orleans tells the client nothing of it, so the
/// subscription is looked for in pub/sub every <see cref="MediaStreamOptions.SubscriptionCheck"/> and made again
/// when it is gone. A check the cluster cannot answer (mid-failover) is tried again at the next one.
/// </summary>
sealed partial class AgentAudioSubscription : IAsyncDisposable
{
    readonly IAsyncStream<AgentAudio> stream;
    readonly Func<AgentAudio, Task> onAudio;
    readonly string callSid;
    readonly ILogger logger;
    readonly CancellationTokenSource stopping = new();
    StreamSubscriptionHandle<AgentAudio> handle = null!;
    Task watching = Task.CompletedTask;

    AgentAudioSubscription(IAsyncStream<AgentAudio> stream, Func<AgentAudio, Task> onAudio, string callSid, ILogger logger)
    {
        this.stream = stream;
        this.onAudio = onAudio;
        this.callSid = callSid;
        this.logger = logger;
    }

    public static async Task<AgentAudioSubscription> StartAsync(
        IAsyncStream<AgentAudio> stream, Func<AgentAudio, Task> onAudio, TimeSpan checkEvery, string callSid, ILogger logger)
    {
        var subscription = new AgentAudioSubscription(stream, onAudio, callSid, logger);
        subscription.handle = await subscription.SubscribeAsync();
        subscription.watching = subscription.WatchAsync(checkEvery);
        return subscription;
    }

    Task<StreamSubscriptionHandle<AgentAudio>> SubscribeAsync() => stream.SubscribeAsync((audio, _) => onAudio(audio));

    async Task WatchAsync(TimeSpan checkEvery)
    {
        using var timer = new PeriodicTimer(checkEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                try
                {
                    var current = await stream.GetAllSubscriptionHandles();
                    if (!current.Any(h => h.HandleId == handle.HandleId))
                    {
                        handle = await SubscribeAsync();
                        Log.Resubscribed(logger, callSid);
                    }
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    var error = e.GetType().Name;
                    Log.CheckFailed(logger, callSid, error);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await watching;
        stopping.Dispose();
        try
        {
            await handle.UnsubscribeAsync();
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // Pub/sub forgets a client's subscriptions when the client goes; a call ending mid-failover loses nothing.
            var error = e.GetType().Name;
            Log.NotRemoved(logger, callSid, error);
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream for call {CallSid}: the cluster had dropped its agent-audio subscription (a silo died); subscribed again")]
        public static partial void Resubscribed(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Information, Message = "Media stream for call {CallSid}: its agent-audio subscription could not be checked ({Error}); trying again")]
        public static partial void CheckFailed(ILogger logger, string callSid, string error);

        [LoggerMessage(Level = LogLevel.Information, Message = "Media stream for call {CallSid}: its agent-audio subscription could not be removed at the end ({Error})")]
        public static partial void NotRemoved(ILogger logger, string callSid, string error);
    }
}
