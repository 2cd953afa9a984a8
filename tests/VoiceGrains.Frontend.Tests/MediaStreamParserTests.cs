using System.Text;
using VoiceGrains.Frontend.MediaStreams;

namespace VoiceGrains.Frontend.Tests;

public sealed class MediaStreamParserTests
{
    static MediaStreamEvent? Fixture(string name, out string? error) =>
        MediaStreamParser.Parse(File.ReadAllBytes(SharedData.PathOf("twilio", "media-streams", "from-twilio", name)), out error);

    [SharedDataFact]
    public void TwiliosDocumentedMessagesParse()
    {
        Assert.IsType<MediaStreamEvent.Connected>(Fixture("connected.json", out _));
        var start = Assert.IsType<MediaStreamEvent.Start>(Fixture("start.json", out _));
        Assert.Equal(("CAXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "audio/x-mulaw", 8000, 1L), (start.CallSid, start.Encoding, start.SampleRate, start.Sequence));
        Assert.Null(start.Token);
        Assert.Equal("1", Assert.IsType<MediaStreamEvent.Dtmf>(Fixture("dtmf.json", out _)).Digit);
        Assert.Equal("my label", Assert.IsType<MediaStreamEvent.Mark>(Fixture("mark.json", out _)).Name);
        Assert.Equal(5L, Assert.IsType<MediaStreamEvent.Stop>(Fixture("stop.json", out _)).Sequence);
    }

    [SharedDataFact]
    public void TheDocumentationsShortenedPayloadIsReportedNotThrown()
    {
        Assert.Null(Fixture("media-inbound-track.json", out var error));
        Assert.Equal("a payload or number is malformed", error);
    }

    [SharedDataFact]
    public void AWholeInboundSessionParsesIntoTwentyMillisecondFrames()
    {
        var events = File.ReadAllLines(SharedData.PathOf("twilio", "media-streams", "sessions", "jfk-inbound.jsonl"))
            .Select(line => MediaStreamParser.Parse(Encoding.UTF8.GetBytes(line), out _)).ToList();

        Assert.All(events, Assert.NotNull);
        Assert.Equal("example-single-use-token", events.OfType<MediaStreamEvent.Start>().Single().Token);
        var media = events.OfType<MediaStreamEvent.Media>().ToList();
        Assert.Equal(650, media.Count);
        Assert.All(media, m => Assert.Equal(160, m.Payload.Length));
        Assert.Equal(Enumerable.Range(2, 650).Select(i => (long)i), media.Select(m => m.Sequence));
    }

    [Theory]
    [InlineData("{not json", "not JSON")]
    [InlineData("{\"event\":\"party\"}", "unknown event 'party'")]
    [InlineData("{\"event\":\"media\",\"sequenceNumber\":\"3\"}", "a required field is missing")]
    [InlineData("{\"event\":\"media\",\"sequenceNumber\":\"x\",\"media\":{\"chunk\":\"1\",\"timestamp\":\"0\",\"payload\":\"AA==\"}}", "a payload or number is malformed")]
    public void GarbageIsNamedNotThrown(string message, string error)
    {
        Assert.Null(MediaStreamParser.Parse(Encoding.UTF8.GetBytes(message), out var reason));
        Assert.Equal(error, reason);
    }
}
