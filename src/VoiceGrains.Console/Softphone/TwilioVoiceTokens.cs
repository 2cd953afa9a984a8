using Microsoft.Extensions.Options;
using Twilio.Jwt.AccessToken;
using VoiceGrains.Telephony;

namespace VoiceGrains.Console.Softphone;

/// <summary>
/// Access tokens for Twilio's Voice JavaScript SDK, made with the Twilio .NET SDK: a Voice grant that may only call out
/// to the configured TwiML App (whose voice URL is the front end's webhook), signed with an API key, short-lived
/// (https://www.twilio.com/docs/iam/access-tokens). Issued to signed-in operators only (SoftphoneEndpoint).
/// </summary>
public sealed class TwilioVoiceTokens(IOptions<SoftphoneOptions> softphone, IOptions<TwilioOptions> twilio, TimeProvider time)
{
    public bool Enabled => softphone.Value.TwilioEnabled && !string.IsNullOrWhiteSpace(twilio.Value.AccountSid);

    public TwilioVoiceToken Issue(string operatorId)
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("Twilio WebRTC calling is not configured.");
        }
        var settings = softphone.Value;
        var identity = SoftphoneCalls.ClientIdentity(operatorId);
        // Whole seconds, as the token's exp claim holds it, so the answer's expiry is the token's.
        var expires = DateTimeOffset.FromUnixTimeSeconds((time.GetUtcNow() + settings.AccessTokenLifetime).ToUnixTimeSeconds());
        var grants = new HashSet<IGrant> { new VoiceGrant { OutgoingApplicationSid = settings.TwimlAppSid, IncomingAllow = false } };
        var token = new Token(twilio.Value.AccountSid, settings.ApiKeySid, settings.ApiKeySecret, identity, expires.UtcDateTime, grants: grants);
        return new TwilioVoiceToken(token.ToJwt(), identity, expires);
    }
}
