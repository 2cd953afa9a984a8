using System.Xml.Linq;

namespace VoiceGrains.Simulator;

/// <summary>What a voice webhook's TwiML asks the carrier to do: open a media stream to a URL with custom parameters.</summary>
public sealed record ConnectStream(Uri Url, IReadOnlyDictionary<string, string> Parameters)
{
    /// <exception cref="SimulatorException">TwiML that does not connect a stream (a hang-up, or not TwiML at all).</exception>
    public static ConnectStream FromTwiml(string twiml)
    {
        XElement response;
        try
        {
            response = XElement.Parse(twiml);
        }
        catch (System.Xml.XmlException e)
        {
            throw new SimulatorException($"The voice webhook did not answer TwiML ({e.Message}).");
        }
        var stream = response.Element("Connect")?.Element("Stream")
            ?? throw new SimulatorException($"The voice webhook's TwiML connects no stream: {twiml}");
        var url = (string?)stream.Attribute("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "ws" && uri.Scheme != "wss"))
        {
            throw new SimulatorException($"The stream URL '{url}' is not a ws:// or wss:// address.");
        }
        var parameters = stream.Elements("Parameter")
            .ToDictionary(p => (string?)p.Attribute("name") ?? "", p => (string?)p.Attribute("value") ?? "", StringComparer.Ordinal);
        return new ConnectStream(uri, parameters);
    }
}
