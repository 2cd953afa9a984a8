namespace VoiceGrains.Audio.Tests;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(16000, 8000)]
    [InlineData(8000, 16000)]
    [InlineData(22050, 8000)]
    [InlineData(24000, 8000)]
    [InlineData(48000, 16000)]
    [InlineData(8000, 22050)]
    public void AOneKilohertzToneKeepsFortyDecibelsOfSignalToNoise(int from, int to)
    {
        var tone = Tone.Sine(1000, from, 1.0);

        var converted = Resampler.Convert(tone, from, to);

        Assert.Equal(to, converted.Length);
        var middle = converted.AsSpan(to / 10, to * 8 / 10);
        var snr = Tone.SnrDb(middle, 1000, to);
        Assert.True(snr >= 40, $"SNR {snr:0.0} dB");
        Assert.InRange(Pcm.Rms(middle), 0.5 / Math.Sqrt(2) * 0.95, 0.5 / Math.Sqrt(2) * 1.05);
    }

    [Theory]
    [InlineData(16000, 8000, 5000)]
    [InlineData(16000, 8000, 7000)]
    [InlineData(24000, 8000, 6000)]
    [InlineData(48000, 16000, 12000)]
    public void ContentAboveTheNewNyquistIsRemoved(int from, int to, double hz)
    {
        var tone = Tone.Sine(hz, from, 1.0);

        var converted = Resampler.Convert(tone, from, to);

        var attenuationDb = 20 * Math.Log10(Pcm.Rms(converted.AsSpan(to / 10, to * 8 / 10)) / Pcm.Rms(tone));
        Assert.True(attenuationDb <= -40, $"{hz} Hz came through at {attenuationDb:0.0} dB");
    }

    [Fact]
    public void StreamingInTwentyMillisecondBlocksMatchesTheWholeClip()
    {
        var speechLike = Tone.Sine(440, 16000, 0.5).Zip(Tone.Sine(1900, 16000, 0.5), (a, b) => a + b * 0.5f).ToArray();
        var whole = Resampler.Convert(speechLike, 16000, 8000);
        var streaming = new Resampler(16000, 8000);

        var blocks = speechLike.Chunk(320).SelectMany(block => streaming.Process(block)).ToArray();

        // Streaming holds back the filter's short tail; everything it did emit equals the one-shot result.
        Assert.True(blocks.Length > whole.Length - 64);
        for (var i = 0; i < blocks.Length; i++)
        {
            Assert.Equal(whole[i], blocks[i], 1e-4f);
        }
    }
}
