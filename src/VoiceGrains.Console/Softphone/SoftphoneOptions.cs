namespace VoiceGrains.Console.Softphone;

/// <summary>
/// The console's softphone ("Softphone" section): where a browser's call joins the product, and, for real WebRTC calls
/// through Twilio, the Voice SDK's credentials. Without <see cref="FrontEndUrl"/> the local softphone is off; without
/// all three Twilio settings the page uses the local path.
/// </summary>
public sealed class SoftphoneOptions
{
    public const string Section = "Softphone";

    /// <summary>
    /// The front end as the console reaches it (e.g. http://127.0.0.1:5080): a softphone call's audio is relayed to its
    /// Media Streams WebSocket, the path every phone call's audio takes.
    /// </summary>
    public Uri? FrontEndUrl { get; set; }

    /// <summary>The business number a softphone call is made to (E.164): the number callers dial.</summary>
    public string CalledNumber { get; set; } = "+15550100000";

    /// <summary>The TwiML App a Voice SDK call goes to (AP…): Twilio asks its voice URL, the front end's webhook.</summary>
    public string? TwimlAppSid { get; set; }

    /// <summary>The API key that signs Voice SDK access tokens (SK…).</summary>
    public string? ApiKeySid { get; set; }

    /// <summary>The API key's secret. A secret: configuration or environment only, never logged.</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>How long a Voice SDK access token lasts; the page fetches a new one before it runs out.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public bool LocalEnabled => FrontEndUrl is not null;

    public bool TwilioEnabled => !string.IsNullOrWhiteSpace(TwimlAppSid) && !string.IsNullOrWhiteSpace(ApiKeySid) && !string.IsNullOrWhiteSpace(ApiKeySecret);

    /// <summary>The front end's Media Streams WebSocket on <see cref="FrontEndUrl"/>, ws or wss.</summary>
    public Uri MediaStreamUrl => new UriBuilder(new Uri(FrontEndUrl ?? throw new InvalidOperationException("The softphone is off."), VoiceGrains.Telephony.TwilioOptions.MediaStreamPath))
    {
        Scheme = FrontEndUrl.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
    }.Uri;
}
