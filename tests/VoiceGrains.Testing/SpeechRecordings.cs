using System.Text.Json;
using VoiceGrains.Audio;

namespace VoiceGrains.Testing;

/// <summary>
/// The real recordings of ../shared/testdata/speech (manifest.json): each file's audio, transcript (null for the
/// composites) and reference speech segments in seconds.
/// </summary>
public static class SpeechRecordings
{
    public static IReadOnlyList<SpeechRecording> All()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("speech", "manifest.json")));
        return manifest.RootElement.EnumerateArray().Select(entry => new SpeechRecording(
            entry.GetProperty("id").GetString()!,
            WavFile.Read(SharedData.PathOf("speech", entry.GetProperty("file").GetString()!)),
            entry.GetProperty("transcript").GetString(),
            entry.GetProperty("speech_segments").EnumerateArray()
                .Select(s => (s.GetProperty("start_s").GetDouble(), s.GetProperty("end_s").GetDouble())).ToList())).ToList();
    }

    /// <summary>The same audio as a phone line carries it: 8 kHz, through μ-law and back.</summary>
    public static AudioClip AsTelephone(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var narrow = clip.ResampleTo(Frames.TelephonyRate);
        return new AudioClip(MuLaw.DecodeToFloat(MuLaw.EncodeFromFloat(narrow.Samples)), Frames.TelephonyRate);
    }
}

/// <summary>One recording: its audio, its words (null for a composite), and where its speech is.</summary>
public sealed record SpeechRecording(string Id, AudioClip Clip, string? Transcript, IReadOnlyList<(double Start, double End)> Speech);
