namespace VoiceGrains.Testing;

public static class Health
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Polls http://127.0.0.1:PORT/health until it answers 200, failing early if the process dies.</summary>
    public static async Task WaitUntilHealthyAsync(HostProcess host, int httpPort, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"Process exited with {host.ExitCode} before it was healthy. Output:\n{host.Output}");
            }
            try
            {
                using var response = await Http.GetAsync(new Uri($"http://127.0.0.1:{httpPort}/health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"Not healthy within {timeout}. Output:\n{host.Output}");
    }
}
