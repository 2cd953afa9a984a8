using System.Text;

namespace VoiceGrains.Audio.Tests;

public sealed class WavFileTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("voicegrains-wav").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    string PathOf(string name) => Path.Combine(folder, name);

    [Theory]
    [InlineData(WavEncoding.Pcm16, 16000, 1e-4)]
    [InlineData(WavEncoding.Float32, 22050, 1e-7)]
    [InlineData(WavEncoding.MuLaw, 8000, 0.02)]
    public void WhatIsWrittenReadsBack(WavEncoding encoding, int rate, double tolerance)
    {
        var clip = new AudioClip(Tone.Sine(300, rate, 0.25), rate);

        WavFile.Write(PathOf("clip.wav"), clip, encoding);
        var read = WavFile.Read(PathOf("clip.wav"));

        Assert.Equal(rate, read.SampleRate);
        Assert.Equal(clip.Samples.Length, read.Samples.Length);
        Assert.All(clip.Samples.Zip(read.Samples), pair => Assert.Equal(pair.First, pair.Second, tolerance));
    }

    [Fact]
    public void AHeaderWithAZeroByteRateIsACorruptFileNotACrash()
    {
        // Found by fuzzing: a float WAV whose header's byte rate is 0 made NAudio divide by zero.
        var bytes = Convert.FromBase64String("UklGRnIGAABXQVZFZm10IBIAAAADAAEAQIsfAAAAfQAAACAAAABmYWN0BAAAAJABAABkYXRhQAYAAAAAAAD5b8s912FHPmmMkD6mpLc+pGrXPh0=");

        Assert.Throws<AudioFormatException>(() => WavFile.Read(new MemoryStream(bytes), "zero-rate.wav"));
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var error = Assert.Throws<AudioFormatException>(() => WavFile.Read(PathOf("nowhere.wav")));
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATextFileIsNotAWav()
    {
        File.WriteAllText(PathOf("notes.wav"), "these are not the samples you are looking for");
        var error = Assert.Throws<AudioFormatException>(() => WavFile.Read(PathOf("notes.wav")));
        Assert.Contains("not a readable WAV file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsupportedEncodingIsNamed()
    {
        using (var writer = new NAudio.Wave.WaveFileWriter(PathOf("8bit.wav"), new NAudio.Wave.WaveFormat(8000, 8, 1)))
        {
            writer.Write(new byte[800], 0, 800);
        }
        var error = Assert.Throws<AudioFormatException>(() => WavFile.Read(PathOf("8bit.wav")));
        Assert.Contains("Pcm at 8 bits is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyWavHoldsNoAudio()
    {
        WavFile.Write(PathOf("empty.wav"), new AudioClip([], 16000));
        var error = Assert.Throws<AudioFormatException>(() => WavFile.Read(PathOf("empty.wav")));
        Assert.Contains("holds no audio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MoreThanTenMinutesIsRefused()
    {
        WavFile.Write(PathOf("long.wav"), new AudioClip(new float[8000 * 601], 8000), WavEncoding.MuLaw);
        var error = Assert.Throws<AudioFormatException>(() => WavFile.Read(PathOf("long.wav")));
        Assert.Contains("at most 10 minutes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACorruptHeaderIsRefused()
    {
        WavFile.Write(PathOf("ok.wav"), new AudioClip(Tone.Sine(300, 8000, 0.1), 8000));
        var bytes = File.ReadAllBytes(PathOf("ok.wav"));
        Encoding.ASCII.GetBytes("junk").CopyTo(bytes, 12);   // the "fmt " chunk id
        File.WriteAllBytes(PathOf("corrupt.wav"), bytes);

        Assert.Throws<AudioFormatException>(() => WavFile.Read(PathOf("corrupt.wav")));
    }

    [Fact]
    public void StereoIsMixedToMono()
    {
        using (var writer = new NAudio.Wave.WaveFileWriter(PathOf("stereo.wav"), NAudio.Wave.WaveFormat.CreateIeeeFloatWaveFormat(8000, 2)))
        {
            writer.WriteSamples([0.5f, 0.1f, 0.5f, 0.1f], 0, 4);
        }
        var clip = WavFile.Read(PathOf("stereo.wav"));
        Assert.Equal([0.3f, 0.3f], clip.Samples);
    }
}
