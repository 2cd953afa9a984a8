using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VoiceGrains.Contracts;

/// <summary>How a host that is not a silo (the front end, the console) joins the cluster, written once for all of them.</summary>
public static class ClusterClientSetup
{
    /// <summary>
    /// An Orleans client (clustering from the "Orleans" configuration section, as Aspire provides it) that keeps
    /// trying while no silo is up (<see cref="GatewayRetryFilter"/>), with the cluster's stream providers.
    /// </summary>
    public static IHostApplicationBuilder AddVoiceGrainsClusterClient(this IHostApplicationBuilder builder)
    {
        builder.UseOrleansClient(client => client
            .UseConnectionRetryFilter<GatewayRetryFilter>()
            .AddVoiceGrainsStreams());
        builder.Services.AddSingleton<GatewayRetryFilter>();
        return builder;
    }

    /// <summary>
    /// The memory stream providers the silos publish on — calls' audio, and the operators' live view on one partition —
    /// named and partitioned as the silos configure them (VoiceGrains.Silo's Extensions), which a client must match.
    /// </summary>
    public static IClientBuilder AddVoiceGrainsStreams(this IClientBuilder client) => client
        .AddMemoryStreams(StreamNames.AudioProvider)
        .AddMemoryStreams(StreamNames.LiveProvider, streams => streams.ConfigurePartitioning(1));
}
