namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>Media Streams WebSocket limits ("MediaStreams" section).</summary>
public sealed class MediaStreamOptions
{
    public const string Section = "MediaStreams";

    /// <summary>
    /// Frames (20 ms each) published together on audio-in: fewer means less delay, more means less overhead. One:
    /// 3-frame batches made voice-to-voice 64 ms slower (p50, BENCHMARKS.md) for no measurable saving.
    /// </summary>
    public int BatchFrames { get; set; } = 1;

    /// <summary>Largest message accepted; Twilio's are a few hundred bytes.</summary>
    public int MaxMessageBytes { get; set; } = 16 * 1024;

    /// <summary>Unusable messages tolerated before the stream is closed as broken.</summary>
    public int MaxBadMessages { get; set; } = 50;
}
