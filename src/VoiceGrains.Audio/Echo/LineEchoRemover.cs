namespace VoiceGrains.Audio.Echo;

/// <summary>
/// The agent's echo taken out of a phone line's caller audio (8 kHz μ-law, as Twilio Media Streams carry it).
/// The carrier buffers the agent's audio as it is sent and plays it in real time; this keeps the same buffer
/// (frames queued as sent, one played per 20 ms frame of caller audio received, all dropped on <c>clear</c>), so the
/// canceller's reference is what was playing as the caller's audio was captured, give or take the network's round
/// trip, which <see cref="EchoCanceller"/>'s tail covers with the echo's own delay.
/// Once the agent has been quiet for longer than the tail no echo can remain: frames then pass untouched and the
/// canceller is not run (it keeps what it has learnt of the echo path, and its history is silence by then).
/// Caller audio that is not whole frames is passed on as it is. Thread-safe: the sender adds, the receiver cleans.
/// </summary>
public sealed class LineEchoRemover : IDisposable
{
    readonly Lock sync = new();
    readonly EchoCanceller canceller;
    readonly Queue<byte> playing = new();
    readonly int quietFramesToIdle;
    readonly LearningGate gate;
    readonly short[] heard = new short[Frames.TelephonyFrameBytes];
    readonly short[] played = new short[Frames.TelephonyFrameBytes];
    readonly short[] cleaned = new short[Frames.TelephonyFrameBytes];
    int quietFrames;

    /// <exception cref="DllNotFoundException">libspeexdsp.so.1 is not installed (Debian: libspeexdsp1).</exception>
    public LineEchoRemover(TimeSpan tail)
    {
        canceller = new EchoCanceller(Frames.TelephonyRate, tail);
        quietFramesToIdle = (int)Math.Ceiling(tail.TotalMilliseconds / Frames.Milliseconds);
        quietFrames = quietFramesToIdle;
        gate = new LearningGate(quietFramesToIdle);
    }

    /// <summary>How much agent audio plays before the canceller is taken to know the echo path (<see cref="LearningGate"/>).</summary>
    public static TimeSpan LearningTime => LearningGate.LearningTime;

    /// <summary>Agent audio sent to the carrier, which plays it after what it already holds.</summary>
    public void Sent(ReadOnlySpan<byte> agentMuLaw)
    {
        lock (sync)
        {
            foreach (var code in agentMuLaw)
            {
                playing.Enqueue(code);
            }
        }
    }

    /// <summary>The carrier was told to drop the agent audio it holds.</summary>
    public void Cleared()
    {
        lock (sync)
        {
            playing.Clear();
        }
    }

    /// <summary>Caller audio received: the same audio with the agent's echo taken out.</summary>
    public byte[] Clean(ReadOnlySpan<byte> callerMuLaw)
    {
        var output = callerMuLaw.ToArray();
        lock (sync)
        {
            for (var offset = 0; offset + Frames.TelephonyFrameBytes <= output.Length; offset += Frames.TelephonyFrameBytes)
            {
                var frame = output.AsSpan(offset, Frames.TelephonyFrameBytes);
                var audible = TakePlayed();
                quietFrames = audible ? 0 : quietFrames + 1;
                if (quietFrames > quietFramesToIdle)
                {
                    continue;
                }
                MuLaw.Decode(frame, heard);
                canceller.Cancel(heard, played, cleaned);
                gate.Apply(played, cleaned);
                MuLaw.Encode(cleaned, frame);
            }
            // A partial frame still plays its share of the agent's audio at the carrier.
            for (var rest = output.Length % Frames.TelephonyFrameBytes; rest > 0 && playing.Count > 0; rest--)
            {
                playing.Dequeue();
            }
        }
        return output;
    }

    /// <summary>Fills <see cref="played"/> with the next frame the carrier plays (silence when it holds none); whether any played.</summary>
    bool TakePlayed()
    {
        var any = playing.Count > 0;
        for (var i = 0; i < played.Length; i++)
        {
            played[i] = playing.TryDequeue(out var code) ? MuLaw.Decode(code) : (short)0;
        }
        return any;
    }

    public void Dispose()
    {
        lock (sync)
        {
            canceller.Dispose();
        }
    }
}
