namespace VoiceGrains.Audio;

public enum WavEncoding
{
    Pcm16,
    // The WAV format's own name for 32-bit IEEE float samples (format tag 3).
#pragma warning disable CA1720
    Float32,
#pragma warning restore CA1720
    MuLaw,
}
