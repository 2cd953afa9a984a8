using NAudio.Utils;
using NAudio.Wave;

namespace VoiceGrains.Audio;

/// <summary>
/// WAV files through NAudio's reader and writer: 16-bit PCM, 32-bit float and 8-bit μ-law, mono or mixed
/// down to mono. Anything else is refused with an <see cref="AudioFormatException"/> that names the problem.
/// </summary>
public static class WavFile
{
    /// <summary>Longest clip accepted: a caller's turn or a test recording, never a whole day's audio.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public static AudioClip Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new AudioFormatException($"{path}: no such file.");
        }
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>A WAV file's audio from a seekable stream; <paramref name="path"/> names it in errors.</summary>
    public static AudioClip Read(Stream stream, string path)
    {
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(new IgnoreDisposeStream(stream));
        }
        // NAudio's reader divides by the header's average byte rate and block size: a zero there throws
        // DivideByZeroException (found by fuzzing), like any other corrupt header.
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException or ArgumentException
            or DivideByZeroException or OverflowException)
        {
            throw new AudioFormatException($"{path}: not a readable WAV file ({e.Message}).", e);
        }

        using (reader)
        {
            var format = reader.WaveFormat;
            if (format.Channels is < 1 or > 8 || format.SampleRate is < 4000 or > 192000)
            {
                throw new AudioFormatException($"{path}: corrupt WAV header ({format.Channels} channels at {format.SampleRate} Hz).");
            }
            // NAudio's TotalTime divides by the header's byte rate: a header saying 0 bytes a second overflows it
            // (found by the WAV fuzzer, seed emSxGCIcoXC1).
            if (format.AverageBytesPerSecond <= 0)
            {
                throw new AudioFormatException($"{path}: corrupt WAV header ({format.AverageBytesPerSecond} bytes per second).");
            }
            if (reader.TotalTime > MaxDuration)
            {
                throw new AudioFormatException($"{path}: {reader.TotalTime.TotalMinutes:0.#} minutes long; at most {MaxDuration.TotalMinutes:0} minutes are accepted.");
            }

            var interleaved = ReadSamples(path, reader, format);
            if (interleaved.Length < format.Channels)
            {
                throw new AudioFormatException($"{path}: holds no audio.");
            }
            return new AudioClip(MixDown(interleaved, format.Channels), format.SampleRate);
        }
    }

    public static void Write(string path, AudioClip clip, WavEncoding encoding = WavEncoding.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var format = encoding switch
        {
            WavEncoding.Pcm16 => new WaveFormat(clip.SampleRate, 16, 1),
            WavEncoding.Float32 => WaveFormat.CreateIeeeFloatWaveFormat(clip.SampleRate, 1),
            WavEncoding.MuLaw => WaveFormat.CreateMuLawFormat(clip.SampleRate, 1),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        using var writer = new WaveFileWriter(path, format);
        switch (encoding)
        {
            case WavEncoding.Pcm16:
                var pcm = Pcm.ToInt16(clip.Samples);
                writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pcm.AsSpan()));
                break;
            case WavEncoding.Float32:
                writer.WriteSamples(clip.Samples, 0, clip.Samples.Length);
                break;
            default:
                writer.Write(MuLaw.EncodeFromFloat(clip.Samples));
                break;
        }
    }

    static float[] ReadSamples(string path, WaveFileReader reader, WaveFormat format)
    {
        // NAudio reads whole blocks only and throws ArgumentException otherwise; a header whose block size does not fit its
        // sample size, or a data chunk that is not whole blocks, is a corrupt file (found by fuzzing).
        if (format.BlockAlign != format.Channels * format.BitsPerSample / 8 || format.BlockAlign <= 0)
        {
            throw new AudioFormatException($"{path}: corrupt WAV header (blocks of {format.BlockAlign} bytes for {format.Channels} × {format.BitsPerSample} bits).");
        }
        var bytes = new byte[reader.Length / format.BlockAlign * format.BlockAlign];
        var read = reader.Read(bytes, 0, bytes.Length);
        var data = bytes.AsSpan(0, read);
        return (format.Encoding, format.BitsPerSample) switch
        {
            (WaveFormatEncoding.Pcm, 16) => Pcm.ToFloat(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(data[..(read / 2 * 2)])),
            (WaveFormatEncoding.IeeeFloat, 32) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data[..(read / 4 * 4)]).ToArray(),
            (WaveFormatEncoding.MuLaw, 8) => MuLaw.DecodeToFloat(data),
            (WaveFormatEncoding.Extensible, _) => throw new AudioFormatException(
                $"{path}: WAVE_FORMAT_EXTENSIBLE is not supported; convert to 16-bit PCM (sox IN -b 16 -e signed-integer OUT.wav)."),
            _ => throw new AudioFormatException(
                $"{path}: {format.Encoding} at {format.BitsPerSample} bits is not supported; use 16-bit PCM, 32-bit float or 8-bit μ-law."),
        };
    }

    static float[] MixDown(float[] interleaved, int channels)
    {
        if (channels == 1)
        {
            return interleaved;
        }

        var mono = new float[interleaved.Length / channels];
        for (var i = 0; i < mono.Length; i++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[i * channels + c];
            }
            mono[i] = sum / channels;
        }
        return mono;
    }
}
