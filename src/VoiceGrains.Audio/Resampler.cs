using NAudio.Dsp;

namespace VoiceGrains.Audio;

/// <summary>
/// Streaming sample-rate conversion with a windowed-sinc anti-aliasing filter (NAudio's port of Cockos WDL's
/// resampler, in sinc mode rather than its default linear interpolation, which lets alias through).
/// One instance per audio stream: it keeps the filter's history between calls.
/// </summary>
public sealed class Resampler
{
    const int SincSize = 64;
    const int SincInterpolationSize = 32;

    readonly WdlResampler wdl = new();
    readonly double ratio;

    public Resampler(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        FromRate = fromRate;
        ToRate = toRate;
        ratio = (double)toRate / fromRate;
        wdl.SetMode(true, 0, true, SincSize, SincInterpolationSize);
        wdl.SetFeedMode(true);
        wdl.SetRates(fromRate, toRate);
    }

    public int FromRate { get; }

    public int ToRate { get; }

    /// <summary>Converts the next block of the stream; output lags input by the filter's short latency.</summary>
    public float[] Process(ReadOnlySpan<float> input)
    {
        if (input.IsEmpty)
        {
            return [];
        }

        var wanted = wdl.ResamplePrepare(input.Length, 1, out var buffer, out var offset);
        input[..wanted].CopyTo(buffer.AsSpan(offset));
        var output = new float[(int)Math.Ceiling(wanted * ratio) + 2];
        var produced = wdl.ResampleOut(output, 0, wanted, output.Length, 1);
        return produced == output.Length ? output : output[..produced];
    }

    /// <summary>Converts a whole clip: zeros pushed after it flush the filter's held-back tail (WDL keeps the output aligned
    /// with the input, measured with an impulse: no delay to trim), so the clip keeps its length and timing.</summary>
    public static float[] Convert(ReadOnlySpan<float> input, int fromRate, int toRate)
    {
        if (fromRate == toRate)
        {
            return input.ToArray();
        }

        var resampler = new Resampler(fromRate, toRate);
        var padded = new float[input.Length + SincSize * 2];
        input.CopyTo(padded);
        var output = resampler.Process(padded);
        var length = (int)Math.Round(input.Length * resampler.ratio);
        return output.Length > length ? output[..length] : output;
    }
}
