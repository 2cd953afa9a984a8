namespace VoiceGrains.Audio.Echo;

/// <summary>
/// The agent's echo taken out of a phone line's caller audio (8 kHz μ-law, as Twilio Media Streams carry it).
/// The carrier buffers the agent's audio as it is sent and plays it in real time; this keeps the same schedule on the
/// stream's clock (a frame plays from when it is sent, or when the audio before it ends; <c>clear</c> drops what has
/// not played), and gives the canceller, for each caller frame, what was playing at that frame's media timestamp.
/// The carrier's timestamps, not the order frames are handled in, line the two up: a front end that falls behind and
/// handles caller frames in a burst would otherwise pair them with agent audio sent since, which the carrier had not
/// yet played (LineEchoRemoverTests: a 1 s gap between replies left 4 dB of echo reduction when paired by order).
/// The timestamps count the carrier's clock, which is tied to the stream's by the quickest any frame
/// has come (the least of arrival minus timestamp): a frame is taken to have been captured that long before it
/// arrived. Twilio's clock starts before the front end's, by a network trip or more; the simulator's frames can run
/// ahead of the front end's clock. The echo then comes after its reference by about the round trip plus the room's
/// delay, which <see cref="EchoCanceller"/>'s tail covers.
/// A timestamp can run ahead of the stream by at most MediaStreams:MaxTimestampLead (the session refuses more); one
/// that does moves the tie for the rest of the call, leaving the echo to the gate.
/// What the canceller leaves is gated (<see cref="EchoGate"/>). Once the agent has been quiet for longer than the
/// tail no echo can remain: frames then pass untouched and the canceller is not run (it keeps what it has learnt of
/// the echo path, and its history is silence by then).
/// Caller audio that is not whole frames is passed on as it is. Thread-safe: the sender adds, the receiver cleans.
/// </summary>
public sealed class LineEchoRemover : IDisposable
{
    readonly Lock sync = new();
    readonly EchoCanceller canceller;
    /// <summary>Agent audio scheduled to play, in order and without overlap: where each piece starts (a sample of the stream's clock).</summary>
    readonly LinkedList<(long Start, byte[] Audio)> schedule = new();
    readonly int quietFramesToIdle;
    readonly EchoGate gate;
    readonly short[] heard = new short[Frames.TelephonyFrameBytes];
    readonly short[] played = new short[Frames.TelephonyFrameBytes];
    readonly short[] cleaned = new short[Frames.TelephonyFrameBytes];
    long scheduledEnd;
    int quietFrames;
    /// <summary>The stream's clock minus the carrier's, at the quickest frame so far.</summary>
    TimeSpan? carrierOffset;

    /// <exception cref="DllNotFoundException">libspeexdsp.so.1 is not installed (Debian: libspeexdsp1).</exception>
    public LineEchoRemover(TimeSpan tail)
    {
        canceller = new EchoCanceller(Frames.TelephonyRate, tail);
        quietFramesToIdle = (int)Math.Ceiling(tail.TotalMilliseconds / Frames.Milliseconds);
        quietFrames = quietFramesToIdle;
        gate = new EchoGate(quietFramesToIdle);
    }

    /// <summary>Agent audio sent to the carrier at <paramref name="at"/> (the stream's clock), which plays it after what it already holds.</summary>
    public void Sent(ReadOnlySpan<byte> agentMuLaw, TimeSpan at)
    {
        lock (sync)
        {
            var start = Math.Max(SampleAt(at), scheduledEnd);
            schedule.AddLast((start, agentMuLaw.ToArray()));
            scheduledEnd = start + agentMuLaw.Length;
        }
    }

    /// <summary>The carrier was told at <paramref name="at"/> to drop the agent audio it holds.</summary>
    public void Cleared(TimeSpan at)
    {
        lock (sync)
        {
            var now = SampleAt(at);
            while (schedule.Last is { } last && last.Value.Start >= now)
            {
                schedule.RemoveLast();
            }
            if (schedule.Last is { } playing && playing.Value.Start + playing.Value.Audio.Length > now)
            {
                playing.Value = (playing.Value.Start, playing.Value.Audio[..(int)(now - playing.Value.Start)]);
            }
            scheduledEnd = Math.Min(scheduledEnd, now);
        }
    }

    /// <summary>
    /// Caller audio the carrier stamped <paramref name="stamped"/> (its clock) that arrived at <paramref name="arrived"/>
    /// (the stream's clock): the same audio with the agent's echo taken out.
    /// </summary>
    public byte[] Clean(ReadOnlySpan<byte> callerMuLaw, TimeSpan stamped, TimeSpan arrived)
    {
        var output = callerMuLaw.ToArray();
        lock (sync)
        {
            carrierOffset = carrierOffset is { } quickest && quickest <= arrived - stamped ? quickest : arrived - stamped;
            var at = SampleAt(stamped + carrierOffset.Value);
            for (var offset = 0; offset + Frames.TelephonyFrameBytes <= output.Length; offset += Frames.TelephonyFrameBytes)
            {
                var audible = PlayedFrom(at + offset);
                quietFrames = audible ? 0 : quietFrames + 1;
                if (quietFrames > quietFramesToIdle)
                {
                    continue;
                }
                var frame = output.AsSpan(offset, Frames.TelephonyFrameBytes);
                MuLaw.Decode(frame, heard);
                canceller.Cancel(heard, played, cleaned);
                gate.Apply(played, cleaned);
                MuLaw.Encode(cleaned, frame);
            }
        }
        return output;
    }

    static long SampleAt(TimeSpan at) => (long)(at.TotalSeconds * Frames.TelephonyRate);

    /// <summary>
    /// Fills <see cref="played"/> with what the carrier played from sample <paramref name="from"/> (silence where it
    /// played nothing), forgetting what played before it; whether any agent audio played then.
    /// </summary>
    bool PlayedFrom(long from)
    {
        while (schedule.First is { } first && first.Value.Start + first.Value.Audio.Length <= from)
        {
            schedule.RemoveFirst();
        }
        Array.Clear(played);
        var any = false;
        foreach (var (start, audio) in schedule)
        {
            if (start >= from + played.Length)
            {
                break;
            }
            var begin = Math.Max(start, from);
            var end = Math.Min(start + audio.Length, from + played.Length);
            MuLaw.Decode(audio.AsSpan((int)(begin - start), (int)(end - begin)), played.AsSpan((int)(begin - from)));
            any = true;
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
