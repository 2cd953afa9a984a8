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

    /// <summary>
    /// How long the media loop waits on the cluster (publishing caller audio, reporting a heard mark) before it goes
    /// on without the answer. A call that went to a silo as it died is answered by nobody until Orleans' 30 s response
    /// timeout, and the caller went unheard all that while (measured after a kill); unpublished audio is sent again
    /// with the next frame, and a lost mark only delays the call's turn by the grace it gives marks. A publish that was
    /// only slow, not lost, would reach the recognizer twice; in 4 runs of the end-to-end tests this timeout fired only
    /// on the cluster whose silo was killed.
    /// </summary>
    public TimeSpan ClusterTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a session makes sure the cluster still delivers its call's agent audio to it (see
    /// AgentAudioSubscription): after a silo dies, the caller may hear nothing for up to this long.
    /// </summary>
    public TimeSpan SubscriptionCheck { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A socket that has not sent a valid <c>start</c> this long after connecting is closed. Twilio sends
    /// <c>connected</c> and <c>start</c> as soon as the socket opens; before this limit, idle sockets were kept for ever.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Media sockets open at once (each live call holds one). At the limit the socket that has waited longest without
    /// starting is closed to make room; when all have started, a new socket is answered 503.
    /// </summary>
    public int MaxSessions { get; set; } = 1000;

    /// <summary>
    /// Sockets from one address that have not started yet (past it a new one is answered 503). Twilio opens one per call
    /// and starts it at once, so even a burst of calls from one of its addresses stays far below this; behind a reverse
    /// proxy every socket comes from the proxy's address, which is why it is not lower.
    /// </summary>
    public int MaxUnstartedPerAddress { get; set; } = 50;

    /// <summary>
    /// How far ahead of the time since <c>start</c> a media timestamp may be. Twilio's count from the stream's start,
    /// so they can only lag our clock (by the network); one that claims a point well ahead is refused as unusable.
    /// </summary>
    public TimeSpan MaxTimestampLead { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How much delay the echo canceller covers (SpeexDSP's filter length): the agent's voice coming back from a
    /// caller's speakerphone must arrive within it of being sent, network round trip included. Zero turns echo
    /// cancellation off. 500 ms covers a 250 ms room echo over a 250 ms round trip; it costs about 50 µs of CPU per
    /// 20 ms frame while the agent speaks and nothing while it is quiet (BENCHMARKS.md, "Echo").
    /// </summary>
    public TimeSpan EchoTail { get; set; } = TimeSpan.FromMilliseconds(500);
}
