using System.Threading.Channels;
using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Console.Live;

/// <summary>
/// One call's audio as a supervisor hears it: the caller's (<see cref="StreamNames.AudioIn"/>) and the agent's
/// (<see cref="StreamNames.AudioOut"/>) streams, subscribed from the console's cluster client, as messages in arrival
/// order — a kind byte, then 8 kHz μ-law. The buffer is bounded: a listener that falls behind loses the oldest audio,
/// never the console's memory, and never slows the call (the stream callbacks only enqueue).
/// </summary>
public sealed class CallAudioTap : IAsyncDisposable
{
    public const byte CallerSpeech = 0;
    public const byte AgentSpeech = 1;

    /// <summary>The carrier dropped the agent audio it had buffered (a barge-in): so does the listener.</summary>
    public const byte AgentCleared = 2;

    /// <summary>The call's media stream closed: nothing more will come.</summary>
    public const byte CallEnded = 3;

    /// <summary>About 10 s of audio at 20 ms a message; more than a listener on a working network falls behind.</summary>
    const int Capacity = 500;

    readonly Channel<byte[]> messages = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    StreamSubscriptionHandle<CallerAudio>? caller;
    StreamSubscriptionHandle<AgentAudio>? agent;

    public ChannelReader<byte[]> Messages => messages.Reader;

    public static async Task<CallAudioTap> OpenAsync(IClusterClient cluster, string callSid)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var provider = cluster.GetStreamProvider(StreamNames.AudioProvider);
        var tap = new CallAudioTap();
        tap.caller = await provider.GetStream<CallerAudio>(StreamId.Create(StreamNames.AudioIn, callSid))
            .SubscribeAsync((audio, _) => tap.Write(CallerSpeech, audio.MuLaw));
        tap.agent = await provider.GetStream<AgentAudio>(StreamId.Create(StreamNames.AudioOut, callSid))
            .SubscribeAsync((audio, _) => audio switch
            {
                Contracts.Calls.AgentSpeech speech => tap.Write(AgentSpeech, speech.MuLaw),
                AgentClear => tap.Write(AgentCleared, []),
                CloseMediaStream => tap.End(),
                _ => Task.CompletedTask,
            });
        return tap;
    }

    Task Write(byte kind, byte[] audio)
    {
        var message = new byte[audio.Length + 1];
        message[0] = kind;
        audio.CopyTo(message, 1);
        messages.Writer.TryWrite(message);
        return Task.CompletedTask;
    }

    Task End()
    {
        messages.Writer.TryWrite([CallEnded]);
        messages.Writer.TryComplete();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        messages.Writer.TryComplete();
        if (caller is not null)
        {
            await caller.UnsubscribeAsync();
        }
        if (agent is not null)
        {
            await agent.UnsubscribeAsync();
        }
    }
}
