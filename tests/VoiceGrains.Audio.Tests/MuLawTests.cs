namespace VoiceGrains.Audio.Tests;

public sealed class MuLawTests
{
    /// <summary>ITU-T G.711 μ-law expansion, written out from the standard so the codec is checked against it, not itself.</summary>
    static short G711Decode(byte code)
    {
        var inverted = ~code & 0xFF;
        var exponent = (inverted >> 4) & 0x07;
        var mantissa = inverted & 0x0F;
        var magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
    }

    [Fact]
    public void EveryCodeDecodesAsG711SaysAndEncodesBackBitExact()
    {
        var codes = Enumerable.Range(0, 256).Select(c => (byte)c).ToArray();
        var pcm = new short[256];
        var reencoded = new byte[256];

        MuLaw.Decode(codes, pcm);
        MuLaw.Encode(pcm, reencoded);

        for (var code = 0; code < 256; code++)
        {
            Assert.Equal(G711Decode((byte)code), pcm[code]);
            // 0x7F is G.711's negative zero; zero encodes as positive zero, 0xFF. Every other code is its own round trip.
            Assert.Equal(code == 0x7F ? 0xFF : code, reencoded[code]);
        }
    }

    [Theory]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0x70, -120)]
    [InlineData(0x7E, -8)]
    [InlineData(0xFE, 8)]
    [InlineData(0xFF, 0)]
    public void TableEndpointsAreTheStandardsValues(int code, int linear)
    {
        Assert.Equal(linear, MuLaw.Decode((byte)code));
    }

    [Fact]
    public void SilenceIsPositiveZero()
    {
        Assert.Equal(Frames.MuLawSilence, MuLaw.EncodeFromFloat([0f])[0]);
        Assert.Equal(0f, MuLaw.DecodeToFloat([Frames.MuLawSilence])[0]);
    }

    [Fact]
    public void FloatsBeyondFullScaleClipInsteadOfWrapping()
    {
        var encoded = MuLaw.EncodeFromFloat([1.5f, -1.5f, -1f]);
        var decoded = MuLaw.DecodeToFloat(encoded);

        Assert.True(decoded[0] > 0.9f, $"{decoded[0]}");
        Assert.True(decoded[1] < -0.9f, $"{decoded[1]}");
        Assert.Equal(0x00, encoded[2]);            // -32768: the most negative code, not a wrapped-around zero
    }
}
