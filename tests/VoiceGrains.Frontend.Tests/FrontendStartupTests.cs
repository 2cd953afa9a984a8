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

    [Theory]
    [InlineData("MediaStreams__BatchFrames", "0", "MediaStreams settings are out of range")]
    [InlineData("MediaStreams__EchoTail", "00:00:05", "MediaStreams settings are out of range")]
    [InlineData("Twilio__AuthToken", "a-token", "Twilio:PublicBaseUrl is required with Twilio:AuthToken")]
    [InlineData("Twilio__MediaTokenLifetime", "-00:00:05", "Twilio:MediaTokenLifetime must be positive")]
    public async Task AWrongSettingStopsTheFrontEndAtStartNamingIt(string variable, string value, string message)
    {
        var dll = Path.Combine(RepositoryPaths.ProjectOutput("VoiceGrains.Frontend"), "VoiceGrains.Frontend.dll");
        await using var frontend = HostProcess.Start(dll, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}",
            // Never reached: the settings are checked before anything connects.
            ["ConnectionStrings__voicegrains"] = $"Host=127.0.0.1;Port={FreePort.Next()};Database=voicegrains;Username=postgres;Password=unused",
            [variable] = value,
        });

        var exitCode = await frontend.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{frontend.Output}");
        Assert.Contains(message, frontend.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", frontend.Output, StringComparison.Ordinal);
    }
}
