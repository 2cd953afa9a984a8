using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Tests;

static class AgentAudioListener
{
    /// <summary>Everything the call's audio-out stream carries from now on, collected as it arrives (lock it to read).</summary>
    public static async Task<List<AgentAudio>> ListenToAgentAsync(this InProcessSilo silo, string callSid)
    {
        var heard = new List<AgentAudio>();
        await silo.Cluster.GetStreamProvider(StreamNames.AudioProvider).GetStream<AgentAudio>(StreamId.Create(StreamNames.AudioOut, callSid))
            .SubscribeAsync((audio, _) =>
            {
                lock (heard)
                {
                    heard.Add(audio);
                }
                return Task.CompletedTask;
            });
        return heard;
    }

    /// <summary>Waits up to 10 s for the audio heard so far to satisfy <paramref name="condition"/>; the caller asserts.</summary>
    public static async Task WaitForAsync(List<AgentAudio> heard, Func<List<AgentAudio>, bool> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            lock (heard)
            {
                if (condition(heard))
                {
                    return;
                }
            }
            await Task.Delay(50);
        }
    }
}
