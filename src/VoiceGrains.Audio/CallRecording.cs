namespace VoiceGrains.Audio;

/// <summary>
/// Both directions of one call at 8 kHz, time-aligned: the caller's audio is placed by the carrier's timestamp
/// (milliseconds since the stream started), the agent's at the moment it was sent but never before the end of
/// the agent's previous audio, which plays back to back. Written as one mixed WAV and the caller's leg alone.
/// Recording stops growing at <see cref="MaxDuration"/>. Not thread-safe: one media session writes it.
/// </summary>
public sealed class CallRecording
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(2);

    static readonly long MaxSamples = (long)MaxDuration.TotalSeconds * Frames.TelephonyRate;

    readonly List<short> caller = [];
    readonly List<short> agent = [];

    public bool IsEmpty => caller.Count == 0 && agent.Count == 0;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)Math.Max(caller.Count, agent.Count) / Frames.TelephonyRate);

    public void AddCaller(long timestampMs, ReadOnlySpan<byte> muLaw) =>
        Place(caller, timestampMs * Frames.TelephonyRate / 1000, muLaw);

    public void AddAgent(TimeSpan sinceStart, ReadOnlySpan<byte> muLaw) =>
        Place(agent, Math.Max((long)(sinceStart.TotalSeconds * Frames.TelephonyRate), agent.Count), muLaw);

    /// <summary>Writes the mix of both directions to <paramref name="mixedPath"/> and the caller alone to <paramref name="callerPath"/>.</summary>
    public void Write(string mixedPath, string callerPath)
    {
        var length = Math.Max(caller.Count, agent.Count);
        var mixed = new float[length];
        var callerOnly = new float[length];
        for (var i = 0; i < length; i++)
        {
            var heard = i < caller.Count ? caller[i] : 0;
            var said = i < agent.Count ? agent[i] : 0;
            callerOnly[i] = Pcm.ToFloat((short)heard);
            mixed[i] = Pcm.ToFloat((short)Math.Clamp(heard + said, short.MinValue, short.MaxValue));
        }
        WavFile.Write(mixedPath, new AudioClip(mixed, Frames.TelephonyRate));
        WavFile.Write(callerPath, new AudioClip(callerOnly, Frames.TelephonyRate));
    }

    static void Place(List<short> track, long at, ReadOnlySpan<byte> muLaw)
    {
        if (at < 0 || at + muLaw.Length > MaxSamples)
        {
            return;
        }
        while (track.Count < at)
        {
            track.Add(0);
        }
        for (var i = 0; i < muLaw.Length; i++)
        {
            var sample = MuLaw.Decode(muLaw[i]);
            if (at + i < track.Count)
            {
                track[(int)(at + i)] = sample;
            }
            else
            {
                track.Add(sample);
            }
        }
    }
}
