namespace VoiceGrains.Audio;

/// <summary>Telephony frames: Twilio Media Streams carry 20 ms of 8 kHz μ-law, 160 bytes, per message.</summary>
public static class Frames
{
    public const int TelephonyRate = 8000;
    public const int Milliseconds = 20;
    public const int TelephonyFrameBytes = TelephonyRate * Milliseconds / 1000;

    /// <summary>μ-law digital silence (a positive zero).</summary>
    public const byte MuLawSilence = 0xFF;

    /// <summary>Samples in one 20 ms frame at a rate.</summary>
    public static int SamplesPerFrame(int sampleRate) => sampleRate * Milliseconds / 1000;

    /// <summary>A 20 ms frame whose RMS is below this (about -40 dBFS) holds no voice, only silence or line noise.</summary>
    public const double AudibleFloor = 0.01;

    /// <summary>The 20 ms frames (by index) of <paramref name="samples"/> that are louder than <see cref="AudibleFloor"/>.</summary>
    public static List<int> Audible(ReadOnlySpan<float> samples, int sampleRate)
    {
        var perFrame = SamplesPerFrame(sampleRate);
        var audible = new List<int>();
        for (var i = 0; i * perFrame < samples.Length; i++)
        {
            if (Pcm.Rms(samples.Slice(i * perFrame, Math.Min(perFrame, samples.Length - i * perFrame))) >= AudibleFloor)
            {
                audible.Add(i);
            }
        }
        return audible;
    }

    /// <summary>Cuts μ-law audio into 160-byte frames, padding the last one with silence.</summary>
    public static List<byte[]> SplitMuLaw(ReadOnlySpan<byte> audio)
    {
        var frames = new List<byte[]>((audio.Length + TelephonyFrameBytes - 1) / TelephonyFrameBytes);
        for (var offset = 0; offset < audio.Length; offset += TelephonyFrameBytes)
        {
            var frame = new byte[TelephonyFrameBytes];
            var part = audio[offset..Math.Min(audio.Length, offset + TelephonyFrameBytes)];
            part.CopyTo(frame);
            frame.AsSpan(part.Length).Fill(MuLawSilence);
            frames.Add(frame);
        }
        return frames;
    }
}
