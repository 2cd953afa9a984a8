using VoiceGrains.Simulator;

namespace VoiceGrains.Simulator.Tests;

public sealed class ConnectStreamTests
{
    [SharedDataFact]
    public void ReadsTheStreamUrlAndParametersOfTwiliosDocumentedConnectStream()
    {
        var stream = ConnectStream.FromTwiml(File.ReadAllText(SharedData.PathOf("twilio", "twiml", "connect-stream.xml")));

        Assert.Equal(new Uri("wss://example.com/audiostream"), stream.Url);
        Assert.Empty(stream.Parameters);
    }

    [Theory]
    [InlineData("<Response><Hangup/></Response>", "connects no stream")]
    [InlineData("not xml", "did not answer TwiML")]
    [InlineData("<Response><Connect><Stream url=\"https://example.com/media\"/></Connect></Response>", "not a ws://")]
    public void TwimlThatConnectsNoUsableStreamIsAProtocolError(string twiml, string reason)
    {
        var refused = Assert.Throws<SimulatorException>(() => ConnectStream.FromTwiml(twiml));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }
}
