using VoiceGrains.Audio;
using VoiceGrains.Speech.Tts;

namespace VoiceGrains.Simulator;

/// <summary>Renders script lines into telephone audio: words through the built-in voice, WAV files as they are.</summary>
public sealed class CallerVoice(ITextToSpeechEngine voice)
{
    /// <summary>A frame whose RMS is below this (about -40 dBFS) is silence, not voice.</summary>
    const float VoiceFloor = 0.01f;

    /// <exception cref="AudioFormatException">A WAV line whose file is missing or not usable audio.</exception>
    public CallerClip Render(ScriptLine line)
    {
        var clip = line.Kind switch
        {
            ScriptLineKind.Say => new AudioClip(voice.Synthesize(SpokenText.Normalize(line.Text), CancellationToken.None), voice.SampleRate),
            ScriptLineKind.Audio => WavFile.Read(line.Text),
            _ => throw new ArgumentException($"A {line.Kind} line has no audio.", nameof(line)),
        };
        var samples = clip.ResampleTo(Frames.TelephonyRate).Samples;
        var frames = Frames.SplitMuLaw(MuLaw.EncodeFromFloat(samples));
        var perFrame = Frames.SamplesPerFrame(Frames.TelephonyRate);
        var voiced = Enumerable.Range(0, frames.Count)
            .Where(i => Rms(samples.AsSpan(i * perFrame, Math.Min(perFrame, samples.Length - i * perFrame))) >= VoiceFloor)
            .ToList();
        if (voiced.Count == 0)
        {
            throw new AudioFormatException($"'{line.Text}' holds no audible speech.");
        }
        return new CallerClip(frames, voiced[0], voiced[^1]);
    }

    static float Rms(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += s * s;
        }
        return samples.IsEmpty ? 0 : (float)Math.Sqrt(sum / samples.Length);
    }
}
