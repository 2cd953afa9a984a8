using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace VoiceGrains.Telephony;

public static class TelephonyExtensions
{
    /// <summary>
    /// Call control and texts through Twilio (the "Twilio" section), checked at start. Every host that places or moves
    /// calls registers it the same way; settings a host needs beyond these it validates on the same options.
    /// </summary>
    public static OptionsBuilder<TwilioOptions> AddTwilioCallControl(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<TwilioRestClients>();
        builder.Services.AddSingleton<ICallControl, TwilioCallControl>();
        builder.Services.AddSingleton<ITextMessages, TwilioTextMessages>();
        return builder.Services.AddOptions<TwilioOptions>()
            .BindConfiguration(TwilioOptions.Section)
            .Validate(o => o.ApiBaseUrl is { IsAbsoluteUri: true }, "Twilio:ApiBaseUrl must be an absolute address")
            .Validate(o => o.MediaTokenLifetime > TimeSpan.Zero, "Twilio:MediaTokenLifetime must be positive")
            .Validate(o => o.PublicBaseUrl is null || o.PublicBaseUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" },
                "Twilio:PublicBaseUrl must be the absolute http(s) address Twilio calls, e.g. https://voice.example.com")
            .ValidateOnStart();
    }
}
