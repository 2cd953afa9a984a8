using System.Globalization;

namespace VoiceGrains.Testing;

/// <summary>The VoiceGrains.Frontend host as its own process: a real Orleans client of the test cluster.</summary>
public static class FrontendProcess
{
    public static (HostProcess Host, Uri BaseAddress) Start(string connectionString, string clusterId)
    {
        var port = FreePort.Next();
        var dll = Path.Combine(RepositoryPaths.ProjectOutput("VoiceGrains.Frontend"), "VoiceGrains.Frontend.dll");
        var host = HostProcess.Start(dll, new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ConnectionStrings__voicegrains"] = connectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId,
        });
        return (host, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
    }
}
