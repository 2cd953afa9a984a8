using System.Globalization;

namespace VoiceGrains.Testing;

/// <summary>A web host (the front end, the console) as its own process: a real Orleans client of the test cluster.</summary>
public static class WebProcess
{
    public const string Frontend = "VoiceGrains.Frontend";
    public const string Console = "VoiceGrains.Console";

    /// <summary>
    /// Starts the project's host (on <paramref name="port"/> when a test had to name the address before, else a free
    /// one); <paramref name="extra"/> settings may name its own address as {base}.
    /// </summary>
    public static (HostProcess Host, Uri BaseAddress) Start(
        string project, string connectionString, string clusterId, IReadOnlyDictionary<string, string?>? extra = null, int? port = null)
    {
        port ??= FreePort.Next();
        var baseAddress = $"http://127.0.0.1:{port.Value.ToString(CultureInfo.InvariantCulture)}";
        var dll = Path.Combine(RepositoryPaths.ProjectOutput(project), project + ".dll");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = baseAddress,
            ["ConnectionStrings__voicegrains"] = connectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = clusterId,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[key] = value?.Replace("{base}", baseAddress, StringComparison.Ordinal);
        }
        return (HostProcess.Start(dll, environment), new Uri(baseAddress));
    }
}
