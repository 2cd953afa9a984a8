using Orleans.Configuration;
using VoiceGrains.Contracts;
using VoiceGrains.Data;

namespace VoiceGrains.Silo;

public static class Extensions
{
    /// <summary>
    /// The Orleans silo on PostgreSQL. Clustering, grain storage and reminders are ADO.NET providers chosen by
    /// configuration (the "Orleans" section: appsettings.json here, or what the Aspire app host sets); the
    /// database is waited for, and migrated in development, before Orleans starts.
    /// </summary>
    public static IHostApplicationBuilder AddVoiceGrainsSilo(this IHostApplicationBuilder builder)
    {
        builder.AddVoiceGrainsDatabase();

        builder.Services.AddOptions<DatabaseStartupOptions>().BindConfiguration(DatabaseStartupOptions.Section);
        // Registered before UseOrleans: hosted services start in order, so Orleans finds its tables ready.
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHostedService<SpeechModelCheck>();

        builder.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
        builder.UseOrleans(silo => silo.AddMemoryStreams(StreamNames.AudioProvider));
        builder.Services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("orleans-silo");
        return builder;
    }
}
