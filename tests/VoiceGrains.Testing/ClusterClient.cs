using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using VoiceGrains.Contracts;

namespace VoiceGrains.Testing;

/// <summary>An Orleans client of a test cluster, found through the same ADO.NET membership table the silos use.</summary>
public sealed class ClusterClient : IAsyncDisposable
{
    readonly IHost host;

    ClusterClient(IHost host) => this.host = host;

    public IGrainFactory Grains => Cluster;

    public IClusterClient Cluster => host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClient> ConnectAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        // Errors only: while a silo dies, every refused connection would otherwise be a warning.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            })
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = clusterId;
            })
            .Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1))
            .AddVoiceGrainsStreams());
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
