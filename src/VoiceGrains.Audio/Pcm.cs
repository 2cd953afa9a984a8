namespace VoiceGrains.Audio;

/// <summary>16-bit PCM ↔ float conversions; floats are in [-1, 1] and clip beyond it. Levels.</summary>
public static class Pcm
{
    /// <summary>Root-mean-square level (0 for no samples).</summary>
    public static double Rms(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += s * s;
        }
        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    /// <summary>Root-mean-square level of 16-bit samples, in sample units (0 for no samples).</summary>
    public static double Rms(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }
        return samples.IsEmpty ? 0 : Math.Sqrt(sum / samples.Length);
    }

    public static short ToInt16(float sample) => (short)Math.Clamp(MathF.Round(sample * 32768f), short.MinValue, short.MaxValue);

    public static float ToFloat(short sample) => sample / 32768f;

    public static float[] ToFloat(ReadOnlySpan<short> samples)
    {
        var result = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = samples[i] / 32768f;
        }
        return result;
    }

    public static short[] ToInt16(ReadOnlySpan<float> samples)
    {
        var result = new short[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            result[i] = ToInt16(samples[i]);
        }
        return result;
    }
}
