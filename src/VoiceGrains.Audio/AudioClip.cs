namespace VoiceGrains.Audio;

/// <summary>Mono float samples in [-1, 1] at a known rate.</summary>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);

    public AudioClip ResampleTo(int sampleRate) =>
        sampleRate == SampleRate ? this : new AudioClip(Resampler.Convert(Samples, SampleRate, sampleRate), sampleRate);
}
