namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>
/// Holds the front end's shutdown until its media sessions have ended (their calls' streams moved, their recordings
/// saved and stored on the call), so that the cluster client they need is still there. Registered after the cluster
/// client, it is stopped before it: hosted services stop in the reverse order of their registration
/// (https://learn.microsoft.com/dotnet/core/extensions/generic-host#ihostedservice-interface). Kestrel's own drain
/// waits for open requests too, but not every server does (the in-process test server does not). Bounded by the
/// host's shutdown timeout.
/// </summary>
public sealed class MediaStreamDrain : IHostedService
{
    int open;
    volatile TaskCompletionSource? drained;

    /// <summary>A session is running until the returned handle is disposed.</summary>
    public IDisposable Open()
    {
        Interlocked.Increment(ref open);
        return new Session(this);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var done = drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Volatile.Read(ref open) == 0)
        {
            return;
        }
        try
        {
            await done.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the host goes on stopping; sessions still open lose the cluster under them.
        }
    }

    void Close()
    {
        if (Interlocked.Decrement(ref open) == 0)
        {
            drained?.TrySetResult();
        }
    }

    sealed class Session(MediaStreamDrain drain) : IDisposable
    {
        int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                drain.Close();
            }
        }
    }
}
