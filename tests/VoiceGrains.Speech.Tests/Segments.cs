using VoiceGrains.Audio;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Speech.Tests;

static class Segments
{
    /// <summary>Runs a whole clip through a VAD stream in 20 ms blocks, as a call would deliver it.</summary>
    public static List<(double Start, double End)> Detect(SileroVadModel model, AudioClip clip, VadOptions? options = null)
    {
        var stream = new VadStream(model, clip.SampleRate, options);
        var events = clip.Samples.Chunk(Frames.SamplesPerFrame(clip.SampleRate)).SelectMany(block => stream.Push(block)).ToList();
        events.AddRange(stream.Complete());
        return events.OfType<SpeechEnded>().Select(e => (e.Start.TotalSeconds, e.End.TotalSeconds)).ToList();
    }

    /// <summary>The same audio as a phone line carries it: 8 kHz, through μ-law and back.</summary>
    public static AudioClip AsTelephone(AudioClip clip)
    {
        var narrow = clip.ResampleTo(Frames.TelephonyRate);
        return new AudioClip(MuLaw.DecodeToFloat(MuLaw.EncodeFromFloat(narrow.Samples)), Frames.TelephonyRate);
    }
}
