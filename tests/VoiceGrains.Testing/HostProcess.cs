using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VoiceGrains.Testing;

/// <summary>
/// A .NET host (silo, front end, CLI) run as a real child process, with its output captured line by line
/// so a test can wait for what it says. Dispose kills it if it still runs.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    const int SigTerm = 15;

    readonly Process process;
    readonly ConcurrentQueue<string> lines = new();

    HostProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output => string.Join('\n', lines);

    /// <summary>Starts <c>dotnet DLL args</c> in the DLL's folder with the given environment on top of a clean one.</summary>
    public static HostProcess Start(string dll, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test runner's own settings must not leak into the child (ASPNETCORE_*, ConnectionStrings__*).
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                                                             || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                                                             || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                                                             || k.StartsWith("Orleans__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        void Keep(DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                host.lines.Enqueue(e.Data);
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e);
        process.ErrorDataReceived += (_, e) => Keep(e);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until some output line contains <paramref name="text"/>; fails with the output so far.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (process.HasExited || cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"'{text}' not seen (exited: {process.HasExited}). Output:\n{Output}");
            }
            await Task.Delay(100, CancellationToken.None);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Process {process.Id} did not exit within {timeout}. Output:\n{Output}");
        }
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies on the spot, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>SIGTERM: the host shuts down gracefully.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, SigTerm);
            await WaitForExitAsync(timeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
