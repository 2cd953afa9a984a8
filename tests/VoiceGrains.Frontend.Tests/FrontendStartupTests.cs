namespace VoiceGrains.Frontend.Tests;

public sealed class FrontendStartupTests
{
    [Fact]
    public async Task AFrontEndWithoutAConnectionStringStopsAtOnceNamingTheSetting()
    {
        var dll = Path.Combine(RepositoryPaths.ProjectOutput("VoiceGrains.Frontend"), "VoiceGrains.Frontend.dll");
        await using var frontend = HostProcess.Start(dll, new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}" });

        var exitCode = await frontend.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{frontend.Output}");
        Assert.Contains("ConnectionStrings:voicegrains is missing", frontend.Output, StringComparison.Ordinal);
    }
}
