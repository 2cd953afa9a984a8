using System.Text.Json;

namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>The messages we send Twilio on a Media Streams WebSocket: media (base64 8 kHz μ-law), mark and clear.</summary>
public static class MediaStreamReplies
{
    public static byte[] Media(string streamSid, ReadOnlySpan<byte> muLaw) =>
        JsonSerializer.SerializeToUtf8Bytes(new { @event = "media", streamSid, media = new { payload = Convert.ToBase64String(muLaw) } });

    public static byte[] Mark(string streamSid, string name) =>
        JsonSerializer.SerializeToUtf8Bytes(new { @event = "mark", streamSid, mark = new { name } });

    public static byte[] Clear(string streamSid) =>
        JsonSerializer.SerializeToUtf8Bytes(new { @event = "clear", streamSid });
}
