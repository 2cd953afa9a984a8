using VoiceGrains.Audio;

namespace VoiceGrains.Simulator;

/// <summary>
/// The way back from a speakerphone's loudspeaker to its microphone: each 20 ms of agent audio the phone plays (or
/// its silence) enters a delay line, and comes out <see cref="SpeakerphoneEcho.Delay"/> later, attenuated, on top of
/// the caller's own frame. Not thread-safe: the call's 20 ms line loop is its only user.
/// </summary>
public sealed class SpeakerphoneEchoPath
{
    readonly Queue<float> line = new();
    readonly float gain;

    public SpeakerphoneEchoPath(SpeakerphoneEcho echo)
    {
        ArgumentNullException.ThrowIfNull(echo);
        if (echo.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(echo));
        }
        gain = (float)Math.Pow(10, -echo.LossDb / 20);
        // A frame played in one tick comes out of the line Delay / 20 ms ticks later.
        for (var i = 0; i < (int)(echo.Delay.TotalSeconds * Frames.TelephonyRate); i++)
        {
            line.Enqueue(0);
        }
    }

    /// <summary>The caller's frame with the echo that reaches the microphone during it.</summary>
    public byte[] Mix(byte[] callerFrame)
    {
        ArgumentNullException.ThrowIfNull(callerFrame);
        var samples = MuLaw.DecodeToFloat(callerFrame);
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] += line.TryDequeue(out var echo) ? echo * gain : 0;
        }
        return MuLaw.EncodeFromFloat(samples);
    }

    /// <summary>What the loudspeaker played in the same 20 ms: a frame of agent audio, or null for silence.</summary>
    public void Played(byte[]? agentFrame)
    {
        if (agentFrame is null)
        {
            for (var i = 0; i < Frames.TelephonyFrameBytes; i++)
            {
                line.Enqueue(0);
            }
            return;
        }
        foreach (var sample in MuLaw.DecodeToFloat(agentFrame))
        {
            line.Enqueue(sample);
        }
    }
}
