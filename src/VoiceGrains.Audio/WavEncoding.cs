namespace VoiceGrains.Audio;

public enum WavEncoding
{
    Pcm16,
    Float32,
    MuLaw,
}
