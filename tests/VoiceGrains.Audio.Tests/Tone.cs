namespace VoiceGrains.Audio.Tests;

/// <summary>Test signals and the measurements the resampler is judged by.</summary>
static class Tone
{
    public static float[] Sine(double hz, int sampleRate, double seconds, double amplitude = 0.5)
    {
        var samples = new float[(int)(sampleRate * seconds)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / sampleRate));
        }
        return samples;
    }

    /// <summary>
    /// Signal-to-noise ratio of a tone: the least-squares fit of a sinusoid at <paramref name="hz"/> (any phase, so
    /// the resampler's delay does not count as noise) against everything else in the signal.
    /// </summary>
    public static double SnrDb(ReadOnlySpan<float> samples, double hz, int sampleRate)
    {
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var s = Math.Sin(2 * Math.PI * hz * i / sampleRate);
            var c = Math.Cos(2 * Math.PI * hz * i / sampleRate);
            ss += s * s; cc += c * c; sc += s * c; ys += samples[i] * s; yc += samples[i] * c;
        }
        var det = ss * cc - sc * sc;
        var a = (ys * cc - yc * sc) / det;
        var b = (yc * ss - ys * sc) / det;
        double signal = 0, noise = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var fit = a * Math.Sin(2 * Math.PI * hz * i / sampleRate) + b * Math.Cos(2 * Math.PI * hz * i / sampleRate);
            signal += fit * fit;
            noise += (samples[i] - fit) * (samples[i] - fit);
        }
        return 10 * Math.Log10(signal / noise);
    }
}
