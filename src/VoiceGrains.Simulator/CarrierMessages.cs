using System.Globalization;
using System.Text.Json;

namespace VoiceGrains.Simulator;

/// <summary>
/// The messages Twilio sends a server over a Media Streams WebSocket, in the shapes of Twilio's documentation (and
/// ../shared/testdata/twilio): sequence numbers, chunks and timestamps are strings; the DTMF track is "inbound_track".
/// </summary>
static class CarrierMessages
{
    static readonly string[] InboundTrack = ["inbound"];

    public static byte[] Connected() =>
        JsonSerializer.SerializeToUtf8Bytes(new { @event = "connected", protocol = "Call", version = "1.0.0" });

    public static byte[] Start(long sequence, string accountSid, string streamSid, string callSid, IReadOnlyDictionary<string, string> parameters) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = "start",
            sequenceNumber = Text(sequence),
            start = new
            {
                accountSid,
                streamSid,
                callSid,
                tracks = InboundTrack,
                customParameters = parameters,
                mediaFormat = new { encoding = "audio/x-mulaw", sampleRate = 8000, channels = 1 },
            },
            streamSid,
        });

    public static byte[] Media(long sequence, string streamSid, long chunk, long timestampMs, ReadOnlySpan<byte> muLaw) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = "media",
            sequenceNumber = Text(sequence),
            media = new { track = "inbound", chunk = Text(chunk), timestamp = Text(timestampMs), payload = Convert.ToBase64String(muLaw) },
            streamSid,
        });

    public static byte[] Mark(long sequence, string streamSid, string name) =>
        JsonSerializer.SerializeToUtf8Bytes(new { @event = "mark", sequenceNumber = Text(sequence), streamSid, mark = new { name } });

    public static byte[] Dtmf(long sequence, string streamSid, char digit) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            @event = "dtmf",
            streamSid,
            sequenceNumber = Text(sequence),
            dtmf = new { track = "inbound_track", digit = digit.ToString() },
        });

    public static byte[] Stop(long sequence, string accountSid, string streamSid, string callSid) =>
        JsonSerializer.SerializeToUtf8Bytes(new { @event = "stop", sequenceNumber = Text(sequence), streamSid, stop = new { accountSid, callSid } });

    static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
