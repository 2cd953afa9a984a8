namespace VoiceGrains.Testing;

/// <summary>A silo process (VoiceGrains.Silo unless told otherwise) on loopback ports of its own, in the Development environment (migrates, seeds).</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    SiloProcess(HostProcess host, int siloPort, int gatewayPort, int httpPort)
    {
        Host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        HttpPort = httpPort;
    }

    public HostProcess Host { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int HttpPort { get; }

    /// <summary>How Orleans names this silo in a grain's RuntimeIdentity ("S127.0.0.1:PORT:GEN").</summary>
    public string IdentityPrefix => $"S127.0.0.1:{SiloPort}:";

    /// <summary>Starts the production silo, or another silo host project (the scripted test silo).</summary>
    public static SiloProcess Start(string? connectionString, string clusterId, IReadOnlyDictionary<string, string?>? extra = null, string project = "VoiceGrains.Silo")
    {
        var (siloPort, gatewayPort, httpPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId,
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (connectionString is not null)
        {
            environment["ConnectionStrings__voicegrains"] = connectionString;
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        var dll = Path.Combine(RepositoryPaths.ProjectOutput(project), project + ".dll");
        return new SiloProcess(HostProcess.Start(dll, environment), siloPort, gatewayPort, httpPort);
    }

    /// <summary>Waits until /health says the silo is an active cluster member.</summary>
    public Task WaitUntilHealthyAsync(TimeSpan timeout) => Health.WaitUntilHealthyAsync(Host, HttpPort, timeout);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
