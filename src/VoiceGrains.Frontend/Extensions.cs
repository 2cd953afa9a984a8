using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceGrains.Frontend.Recordings;
using VoiceGrains.Contracts;
using VoiceGrains.Data;
using VoiceGrains.Frontend.MediaStreams;
using VoiceGrains.Telephony;

namespace VoiceGrains.Frontend;

public static class Extensions
{
    /// <summary>
    /// The front end: an Orleans client of the cluster (ADO.NET gateway list, chosen by the "Orleans"
    /// configuration section) and the database for lists that span calls.
    /// </summary>
    public static IHostApplicationBuilder AddVoiceGrainsFrontend(this IHostApplicationBuilder builder)
    {
        builder.AddVoiceGrainsDatabase();
        builder.AddVoiceGrainsClusterClient();
        // After the cluster client, so stopped before it: the media sessions it waits for still reach the cluster.
        builder.Services.AddSingleton<MediaStreamDrain>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MediaStreamDrain>());
        builder.Services.AddOptions<MediaStreamOptions>().BindConfiguration(MediaStreamOptions.Section)
            .Validate(o => o.BatchFrames is >= 1 and <= 50 && o.MaxMessageBytes >= 1024 && o.MaxBadMessages >= 0
                && o.ClusterTimeout > TimeSpan.Zero && o.SubscriptionCheck >= TimeSpan.FromMilliseconds(100)
                && o.StartTimeout > TimeSpan.Zero && o.MaxSessions >= 1 && o.MaxUnstartedPerAddress >= 1 && o.MaxTimestampLead >= TimeSpan.Zero
                && (o.EchoTail == TimeSpan.Zero || (o.EchoTail >= TimeSpan.FromMilliseconds(20) && o.EchoTail <= TimeSpan.FromSeconds(2))),
                "MediaStreams settings are out of range")
            .ValidateOnStart();
        builder.Services.AddSingleton<MediaStreamAdmission>();
        builder.Services.AddOptions<RecordingOptions>().BindConfiguration(RecordingOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Directory) && o.RetentionDays >= 0, "Recordings:Directory is required and Recordings:RetentionDays may not be negative")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RecordingStore>();
        builder.Services.AddHostedService<RecordingRetention>();

        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<Twilio.RefusedWebhooks>();

        var twilio = builder.AddTwilioCallControl();
        if (TwilioOptions.IsConfigured(builder.Configuration))
        {
            // The webhooks are switched on: their signatures cover the public address, so it must be known.
            twilio.Validate(o => o.PublicBaseUrl is not null, "Twilio:PublicBaseUrl is required with Twilio:AuthToken: it is the address Twilio calls, e.g. https://voice.example.com");
        }
        return builder;
    }
}
