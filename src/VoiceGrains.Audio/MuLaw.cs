namespace VoiceGrains.Audio;

/// <summary>
/// G.711 μ-law, the telephone network's (and Twilio Media Streams') 8-bit encoding, from the ITU-T formula.
/// Written here rather than taken from NAudio: NAudio 2.2.1's encoder overflows on -32768 (full-scale negative
/// becomes 0x7F, near silence, a click on every clipped sample) and its decoder maps 0x7F to -1 instead of 0.
/// </summary>
public static class MuLaw
{
    const int Bias = 0x84;
    const int Clip = 32635;

    static readonly short[] DecodeTable = BuildDecodeTable();

    public static short Decode(byte code) => DecodeTable[code];

    public static byte Encode(short sample)
    {
        int magnitude = sample;                 // int: negating -32768 must not overflow
        var sign = 0;
        if (magnitude < 0)
        {
            sign = 0x80;
            magnitude = -magnitude;
        }
        magnitude = Math.Min(magnitude, Clip) + Bias;

        var exponent = 7;
        for (var mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }
        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static void Decode(ReadOnlySpan<byte> encoded, Span<short> pcm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pcm.Length, encoded.Length, nameof(pcm));
        for (var i = 0; i < encoded.Length; i++)
        {
            pcm[i] = DecodeTable[encoded[i]];
        }
    }

    public static void Encode(ReadOnlySpan<short> pcm, Span<byte> encoded)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(encoded.Length, pcm.Length, nameof(encoded));
        for (var i = 0; i < pcm.Length; i++)
        {
            encoded[i] = Encode(pcm[i]);
        }
    }

    /// <summary>μ-law bytes to float samples in [-1, 1].</summary>
    public static float[] DecodeToFloat(ReadOnlySpan<byte> encoded)
    {
        var samples = new float[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            samples[i] = DecodeTable[encoded[i]] / 32768f;
        }
        return samples;
    }

    /// <summary>Float samples in [-1, 1] (clipped beyond) to μ-law bytes.</summary>
    public static byte[] EncodeFromFloat(ReadOnlySpan<float> samples)
    {
        var encoded = new byte[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            encoded[i] = Encode(Pcm.ToInt16(samples[i]));
        }
        return encoded;
    }

    static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            var bits = ~code;
            var magnitude = ((((bits & 0x0F) << 3) + Bias) << ((bits >> 4) & 0x07)) - Bias;
            table[code] = (short)((bits & 0x80) != 0 ? -magnitude : magnitude);
        }
        return table;
    }
}
