using System.Globalization;
using System.Text.Json;

namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>
/// Reads one Media Streams message. Anything that is not a message we understand (broken JSON, an unknown event,
/// a missing field, a payload that is not base64) comes back as an error text to log and skip, never an exception.
/// Twilio sends sequence numbers, chunks and timestamps as strings; numbers are accepted too.
/// </summary>
public static class MediaStreamParser
{
    public static MediaStreamEvent? Parse(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            var kind = root.GetProperty("event").GetString();
            switch (kind)
            {
                case "connected":
                    return new MediaStreamEvent.Connected();
                case "start":
                    var start = root.GetProperty("start");
                    var format = start.GetProperty("mediaFormat");
                    return new MediaStreamEvent.Start(
                        Number(root, "sequenceNumber"),
                        start.GetProperty("streamSid").GetString()!,
                        start.GetProperty("callSid").GetString()!,
                        start.TryGetProperty("customParameters", out var parameters) && parameters.TryGetProperty("token", out var token) ? token.GetString() : null,
                        format.GetProperty("encoding").GetString()!,
                        format.GetProperty("sampleRate").GetInt32());
                case "media":
                    var media = root.GetProperty("media");
                    return new MediaStreamEvent.Media(
                        Number(root, "sequenceNumber"),
                        media.TryGetProperty("track", out var track) ? track.GetString()! : "inbound",
                        Number(media, "chunk"),
                        Number(media, "timestamp"),
                        Convert.FromBase64String(media.GetProperty("payload").GetString()!));
                case "dtmf":
                    return new MediaStreamEvent.Dtmf(Number(root, "sequenceNumber"), root.GetProperty("dtmf").GetProperty("digit").GetString()!);
                case "mark":
                    return new MediaStreamEvent.Mark(Number(root, "sequenceNumber"), root.GetProperty("mark").GetProperty("name").GetString()!);
                case "stop":
                    return new MediaStreamEvent.Stop(Number(root, "sequenceNumber"));
                default:
                    error = $"unknown event '{kind}'";
                    return null;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            error = e switch
            {
                JsonException => "not JSON",
                KeyNotFoundException => "a required field is missing",
                FormatException => "a payload or number is malformed",
                _ => "a field has the wrong type",
            };
            return null;
        }
    }

    static long Number(JsonElement parent, string name)
    {
        var value = parent.GetProperty(name);
        return value.ValueKind == JsonValueKind.Number
            ? value.GetInt64()
            : long.Parse(value.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
