using VoiceGrains.Audio;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Speech.Tests;

static class Segments
{
    /// <summary>Segment edges in seconds, found the way the product finds them.</summary>
    public static List<(double Start, double End)> Detect(SileroVadModel model, AudioClip clip, VadOptions? options = null) =>
        VadStream.FindSegments(model, clip, options).Select(e => (e.Start.TotalSeconds, e.End.TotalSeconds)).ToList();
}
