using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceGrains.Grains.Campaigns;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.Grains.Tests.Campaigns;

/// <summary>
/// The in-process silo with outbound calling and texts on: Twilio's REST API is the local stand-in (which records every
/// call created and text sent), and the campaigns' clock is real time plus an offset a test moves forward to pass a retry's backoff.
/// </summary>
public sealed class CampaignSilo : InProcessSilo
{
    public const string BusinessNumber = "+15550100000";

    public TwilioRestServer Twilio { get; private set; } = null!;

    public ShiftedClock Clock { get; } = new();

    public override async Task InitializeAsync()
    {
        Twilio = await TwilioRestServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override void Configure(HostApplicationBuilder builder)
    {
        builder.Configuration["Twilio:AuthToken"] = TwilioRestServer.AuthToken;
        builder.Configuration["Twilio:AccountSid"] = TwilioRestServer.AccountSid;
        builder.Configuration["Twilio:PhoneNumber"] = BusinessNumber;
        // Webhooks are not delivered here (no front end): tests play them by calling the grains as the front end does.
        builder.Configuration["Twilio:PublicBaseUrl"] = "http://127.0.0.1:9";
        builder.Configuration["Twilio:ApiBaseUrl"] = Twilio.BaseUrl.ToString();
        builder.Services.AddKeyedSingleton<TimeProvider>(CampaignGrain.ClockKey, Clock);
        // Texts go out through the same stand-in, looked for often so a test sees them soon.
        builder.Configuration["Texts:PollInterval"] = "00:00:00.200";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
