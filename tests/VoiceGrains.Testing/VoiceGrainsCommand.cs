namespace VoiceGrains.Testing;

/// <summary>The <c>voicegrains</c> command as a user runs it: its own process with the given settings (a null value leaves one unset).</summary>
public static class VoiceGrainsCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
    {
        var dll = Path.Combine(RepositoryPaths.ProjectOutput("VoiceGrains.Cli"), "voicegrains.dll");
        await using var cli = HostProcess.Start(dll, environment, arguments);
        var exitCode = await cli.WaitForExitAsync(timeout);
        return (exitCode, cli.Output);
    }
}
