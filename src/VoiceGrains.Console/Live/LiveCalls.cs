using System.Collections.Concurrent;
using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Console.Live;

/// <summary>
/// Every call in progress as the cluster tells it: one subscription per console process to the calls' live stream
/// (<see cref="StreamNames.LiveCalls"/>), which each CallGrain publishes to as it starts, changes state, gains a turn
/// and ends; the live page renders from here and is told of each change. The calls table is read once, when the
/// subscription is made, for calls that began before it; after that nothing is polled. The cluster can drop a client's
/// subscription when a silo dies (dotnet/orleans#7932), so it is checked every <see cref="SubscriptionCheck"/> and made
/// again, with the calls table read again for what was missed meanwhile.
/// </summary>
public sealed partial class LiveCalls(IClusterClient cluster, CallRepository calls, TimeProvider time, ILogger<LiveCalls> logger) : BackgroundService
{
    static readonly TimeSpan SubscriptionCheck = TimeSpan.FromSeconds(5);

    /// <summary>Calls the page can show at once; past it the oldest updates are kept out (the list is bounded).</summary>
    const int MaxCalls = 2000;

    readonly ConcurrentDictionary<string, LiveCall> current = new();

    /// <summary>Raised after each change, on the thread that received it, with the call that changed (null: many did).</summary>
    public event Action<string?>? Changed;

    /// <summary>The calls in progress, newest first.</summary>
    public IReadOnlyList<LiveCall> Current => current.Values.OrderByDescending(c => c.StartedAt).ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stream = cluster.GetStreamProvider(StreamNames.LiveProvider)
            .GetStream<LiveCall>(StreamId.Create(StreamNames.LiveCalls, StreamNames.AllCalls));
        using var timer = new PeriodicTimer(SubscriptionCheck, time);
        do
        {
            try
            {
                if ((await stream.GetAllSubscriptionHandles()).Count == 0)
                {
                    await stream.SubscribeAsync((call, _) => { Apply(call); return Task.CompletedTask; });
                    await CatchUpAsync(stoppingToken);
                    Log.Subscribed(logger, current.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.SubscriptionFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    void Apply(LiveCall call)
    {
        if (call.Status == CallStatus.Ended)
        {
            current.TryRemove(call.CallSid, out _);
        }
        else if (current.Count < MaxCalls || current.ContainsKey(call.CallSid))
        {
            current.AddOrUpdate(call.CallSid, call, (_, known) => known.At > call.At ? known : call);
        }
        Changed?.Invoke(call.CallSid);
    }

    /// <summary>Calls in progress per the calls table, for those the stream has not told of; calls it no longer has go.</summary>
    async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var active = await calls.ListAsync(new CallFilter { ActiveOnly = true }, MaxCalls, before: null, cancellationToken);
        foreach (var gone in current.Keys.Except(active.Select(c => c.CallSid)).ToList())
        {
            current.TryRemove(gone, out _);
        }
        foreach (var row in active)
        {
            var status = Enum.TryParse<CallStatus>(row.Status, ignoreCase: true, out var parsed) ? parsed : CallStatus.Ringing;
            var direction = Enum.TryParse<CallDirection>(row.Direction, ignoreCase: true, out var d) ? d : CallDirection.Inbound;
            var channel = row.Channel == "browser" ? CallChannel.Browser : CallChannel.Phone;
            current.TryAdd(row.CallSid, new LiveCall(row.CallSid, direction, row.From, row.To, row.CustomerId, null, status, row.StartedAt, null, null, row.StartedAt,
                Channel: channel));
        }
        Changed?.Invoke(null);
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Live calls: subscribed to the cluster's call updates ({Calls} call(s) in progress)")]
        public static partial void Subscribed(ILogger logger, int calls);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Live calls: could not subscribe to the cluster's call updates; trying again shortly")]
        public static partial void SubscriptionFailed(ILogger logger, Exception exception);
    }
}
