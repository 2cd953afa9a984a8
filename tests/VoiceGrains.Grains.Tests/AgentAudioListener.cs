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
}
