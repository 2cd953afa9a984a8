using System.Text.Json;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary><c>voicegrains call</c> as a user runs it (README): a process phoning the running product.</summary>
[Collection(LiveCallCollection.Name)]
public sealed class CallCommandTests(LiveCallCluster cluster)
{
    Task<(int ExitCode, string Output)> RunAsync(string? authToken, params string[] arguments) =>
        RunWithApiTokenAsync(authToken, cluster.Supervisor.ApiToken, arguments);

    static Task<(int ExitCode, string Output)> RunWithApiTokenAsync(string? authToken, string? apiToken, params string[] arguments) =>
        VoiceGrainsCommand.RunAsync(new Dictionary<string, string?> { ["TWILIO_AUTH_TOKEN"] = authToken, ["VOICEGRAINS_API_TOKEN"] = apiToken },
            TimeSpan.FromMinutes(3), arguments);

    string Console => cluster.Console.ToString();

    [Fact]
    public async Task TwoConcurrentCallsOfTheExampleScriptReportEveryTurnWithLatencyPercentilesAsJson()
    {
        var (exitCode, output) = await RunAsync(TwilioRestServer.AuthToken,
            "call", "--script", LiveCallCluster.ExampleScript, "--url", cluster.FrontEnd.ToString(), "--console", Console, "--concurrency", "2", "--json");

        Assert.True(exitCode == 0, output);
        using var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var calls = report.RootElement.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal("completed", call.GetProperty("outcome").GetString());
            Assert.Equal(6, call.GetProperty("turns").GetArrayLength());
            Assert.All(call.GetProperty("turns").EnumerateArray(), t => Assert.True(t.GetProperty("voiceToVoiceMs").GetDouble() > 0));
        });
        var voiceToVoice = report.RootElement.GetProperty("voiceToVoice");
        Assert.Equal(12, voiceToVoice.GetProperty("count").GetInt32());
        Assert.True(voiceToVoice.GetProperty("p50").GetDouble() <= voiceToVoice.GetProperty("p95").GetDouble());
        Assert.Equal(2, report.RootElement.GetProperty("bargeInClear").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData(null, "no Twilio auth token")]
    [InlineData("wrong-token", "refused the signature")]
    public async Task ACallThatCannotBePlacedSaysWhyAndFails(string? authToken, string reason)
    {
        var (exitCode, output) = await RunAsync(authToken, "call", "--script", LiveCallCluster.ExampleScript, "--url", cluster.FrontEnd.ToString(), "--console", Console);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnApiTokenForTheConsoleNoCallIsPlaced()
    {
        var (exitCode, output) = await RunWithApiTokenAsync(TwilioRestServer.AuthToken, null,
            "call", "--script", LiveCallCluster.ExampleScript, "--url", cluster.FrontEnd.ToString(), "--console", Console);

        Assert.Equal(2, exitCode);
        Assert.Contains("no API token", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadAddressIsAUsageError()
    {
        var (exitCode, output) = await RunAsync(TwilioRestServer.AuthToken, "call", "--script", LiveCallCluster.ExampleScript, "--url", "localhost:5080");

        Assert.Equal(2, exitCode);
        Assert.Contains("absolute http(s) address", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallTheServerEndsBeforeTheScriptIsOverFailsAndSaysWhichLinesWentUnplayed()
    {
        // The scripted silo hears this command's calls as the example script, after whose rating the agent says goodbye and
        // hangs up; a line after that is never played.
        var script = Path.Combine(Path.GetTempPath(), $"hang-up-early-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(script, [.. await File.ReadAllLinesAsync(LiveCallCluster.ExampleScript), "And one more thing."]);

        var (exitCode, output) = await RunAsync(TwilioRestServer.AuthToken, "call", "--script", script, "--url", cluster.FrontEnd.ToString(), "--console", Console);
        File.Delete(script);

        Assert.True(exitCode == 1, output);
        Assert.Contains("1 of 7 script lines unplayed", output, StringComparison.Ordinal);
    }
}
