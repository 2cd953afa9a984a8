using Microsoft.Extensions.Configuration;

namespace VoiceGrains.Telephony;

/// <summary>
/// The Twilio connection ("Twilio" section), read by the front end (webhooks, media stream, outbound calls) and the
/// silos (transfers). Without <c>Twilio:AuthToken</c> (environment Twilio__AuthToken) the front end maps no webhooks
/// and call control answers every request with a <see cref="CallControlException"/> saying what is missing.
/// </summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>The front end's Media Streams WebSocket, on the front end's address (the TwiML's Stream url, and the softphone's relay).</summary>
    public const string MediaStreamPath = "/twilio/media";

    /// <summary>Signs and verifies every webhook. A secret: configuration or environment only, never logged.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>The address Twilio calls, as Twilio sees it (behind a proxy, the public one): signatures cover it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a call's media stream token stays valid after the voice webhook answered.</summary>
    public TimeSpan MediaTokenLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The account the REST API acts for (outbound calls, transfers); with <see cref="PhoneNumber"/> it switches outbound calls on.</summary>
    public string? AccountSid { get; set; }

    /// <summary>The Twilio number outbound calls come from (E.164).</summary>
    public string? PhoneNumber { get; set; }

    /// <summary>Twilio's REST API. Only changed to point at a stand-in of the API (tests, a proxy).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.twilio.com");

    public const string CannotCallOut = "Outbound calls need Twilio:AuthToken, Twilio:AccountSid, Twilio:PhoneNumber and Twilio:PublicBaseUrl.";

    /// <summary>Everything placing a call needs: credentials, the number it comes from, and the address its webhooks reach.</summary>
    public bool CanCallOut => !string.IsNullOrWhiteSpace(AuthToken) && !string.IsNullOrWhiteSpace(AccountSid)
        && !string.IsNullOrWhiteSpace(PhoneNumber) && PublicBaseUrl is not null;

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(AuthToken)}"]);
}
