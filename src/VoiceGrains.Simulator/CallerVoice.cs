using VoiceGrains.Audio;
using VoiceGrains.Speech.Tts;

namespace VoiceGrains.Simulator;

/// <summary>Renders script lines into telephone audio: words through the built-in voice, WAV files as they are.</summary>
public sealed class CallerVoice(ITextToSpeechEngine voice)
{
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
        var voiced = Frames.Audible(samples, Frames.TelephonyRate);
        if (voiced.Count == 0)
        {
            throw new AudioFormatException($"'{line.Text}' holds no audible speech.");
        }
        return new CallerClip(frames, voiced[0], voiced[^1]);
    }
}
