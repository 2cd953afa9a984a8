using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace VoiceGrains.Telephony;

/// <summary>
/// The TwiML that connects a call's audio to the front end's media WebSocket with a single-use token: what the voice
/// webhook answers, and what a live call is updated with when its stream moves to another front end.
/// <c>&lt;Connect&gt;&lt;Stream&gt;</c> is bidirectional; the token goes as a custom parameter, which Twilio hands back
/// in the stream's <c>start</c> message (https://www.twilio.com/docs/voice/twiml/stream).
/// </summary>
public static class MediaStreamTwiml
{
    public static string Connect(Uri publicBaseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var media = new UriBuilder(new Uri(publicBaseUrl, TwilioOptions.MediaStreamPath))
        {
            Scheme = publicBaseUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        var stream = new Twilio.TwiML.Voice.Stream(url: media.Uri.ToString());
        stream.Parameter(name: "token", value: token);
        return new VoiceResponse().Append(new Connect().Append(stream)).ToString();
    }
}
