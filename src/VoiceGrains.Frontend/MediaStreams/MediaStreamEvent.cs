namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>The messages Twilio sends over a Media Streams WebSocket (its documented shapes), parsed.</summary>
public abstract record MediaStreamEvent
{
    public sealed record Connected : MediaStreamEvent;

    public sealed record Start(long Sequence, string StreamSid, string CallSid, string? Token, string Encoding, int SampleRate) : MediaStreamEvent;

    public sealed record Media(long Sequence, string Track, long Chunk, long Timestamp, byte[] Payload) : MediaStreamEvent;

    public sealed record Dtmf(long Sequence, string Digit) : MediaStreamEvent;

    public sealed record Mark(long Sequence, string Name) : MediaStreamEvent;

    public sealed record Stop(long Sequence) : MediaStreamEvent;
}
