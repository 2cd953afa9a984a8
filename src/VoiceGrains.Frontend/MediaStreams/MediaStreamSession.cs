using System.Net.WebSockets;
using System.Threading.Channels;
using VoiceGrains.Audio;
using VoiceGrains.Audio.Echo;
using VoiceGrains.Frontend.Recordings;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using VoiceGrains.Contracts;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Frontend.MediaStreams;

/// <summary>
/// One Twilio Media Streams WebSocket. The first real message must be <c>start</c>, within
/// <see cref="MediaStreamOptions.StartTimeout"/>, carrying a call sid the database knows and the call's single-use token
/// (from the TwiML); without them the socket is closed and nothing reaches the call. Before <c>start</c>, anything but
/// one <c>connected</c> counts as unusable.
/// Caller audio then goes to the call's audio-in stream in small batches, and whatever arrives on its audio-out
/// stream goes to Twilio as 20 ms media frames, marks and clears (one sender at a time: a WebSocket allows no
/// concurrent sends). Agent audio is queued and sent by its own loop, so a carrier that stops reading can never
/// stall the Orleans stream delivery other calls share; past <see cref="MaxQueuedAgentAudio"/> it is dropped.
/// Both directions are recorded (streamed to scratch files; a media timestamp more than
/// <see cref="MediaStreamOptions.MaxTimestampLead"/> ahead of the stream is refused) and written when the session ends,
/// the path stored on the call.
/// <c>stop</c> ends the call; a socket that drops without it ends the call as "dropped". When the front end shuts down
/// the call's stream moves instead (<see cref="RequestMoveAsync"/>): the carrier replaces it with one to a front end
/// that stays, and this one's <c>stop</c> or close then ends only the stream. When the call ends on our
/// side (goodbye, transfer) the cluster sends <see cref="CloseMediaStream"/> after the last audio and the session
/// closes the socket, which ends a <c>&lt;Connect&gt;&lt;Stream&gt;</c> call at Twilio.
/// Unusable messages are logged and skipped.
/// The caller's audio has the agent's own voice taken out (<see cref="LineEchoRemover"/>, fed with the agent audio as
/// it is sent, and lined up with the caller's by Twilio's media timestamps) before it reaches the call, so a
/// speakerphone's echo is not taken for the caller talking; the recording keeps what the line brought.
/// </summary>
sealed partial class MediaStreamSession(
    WebSocket socket, IClusterClient cluster, CallRepository calls, MediaStreamAdmission.Ticket admission, MediaStreamOptions options,
    TimeSpan moveTokenLifetime, RecordingStore recordings, ILogger logger) : IDisposable
{
    /// <summary>About 50 s of speech in 200 ms batches, with their marks.</summary>
    const int MaxQueuedAgentAudio = 256;

    /// <summary>
    /// How long a moved stream waits for the carrier to end it (Twilio does as it runs the call's new TwiML, within a
    /// second or two) before the session lets go of it itself.
    /// </summary>
    static readonly TimeSpan MoveWait = TimeSpan.FromSeconds(10);

    readonly SemaphoreSlim sending = new(1, 1);
    readonly Channel<AgentAudio> outgoing = Channel.CreateBounded<AgentAudio>(
        new BoundedChannelOptions(MaxQueuedAgentAudio) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    Task sender = Task.CompletedTask;
    readonly CancellationTokenSource ending = new();
    /// <summary>Null before start and once recording has failed.</summary>
    CallRecording? recording;
    bool connected;
    readonly MarksAtCarrier marks = new();
    readonly System.Diagnostics.Stopwatch sinceStart = new();
    bool saidDropping;
    string? callSid;
    string streamSid = "";
    IAsyncStream<CallerAudio>? audioIn;
    AgentAudioSubscription? audioOut;
    long lastSequence;
    long batchStart;
    readonly MemoryStream batch = new();
    /// <summary>Null before start, when <see cref="MediaStreamOptions.EchoTail"/> is zero, or without SpeexDSP.</summary>
    LineEchoRemover? echo;
    int badMessages;
    bool stopped;
    /// <summary>Whether the call took this stream's move (set once the front end shuts down).</summary>
    volatile Task<bool> moveRequest = Task.FromResult(false);
    /// <summary>Receives after the start end with the request, or once a moved stream has had its <see cref="MoveWait"/>.</summary>
    CancellationTokenSource receiving = null!;
    CancellationToken shuttingDown;

    /// <summary>Runs the stream until it ends; on <paramref name="shuttingDown"/> (the front end's) a started call's stream moves.</summary>
    public async Task RunAsync(CancellationToken cancellationToken, CancellationToken shuttingDown)
    {
        var buffer = new byte[options.MaxMessageBytes];
        // Until it has started, the socket is closed at the start deadline or to make room for a new one.
        using var startDue = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, admission.Room);
        startDue.CancelAfter(options.StartTimeout);
        using var afterStart = receiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        this.shuttingDown = shuttingDown;
        using var shutdown = shuttingDown.Register(() => moveRequest = RequestMoveAsync());
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                // Until the stream has started, a receive ends at the start deadline (which aborts the socket).
                var (length, closed) = await ReceiveAsync(buffer, callSid is null ? startDue.Token : receiving.Token);
                if (closed || length < 0)
                {
                    break;
                }
                if (!await HandleSurvivingFailoverAsync(buffer.AsMemory(0, length), cancellationToken))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            Log.Dropped(logger, callSid ?? "(none)", e.Message);
        }
        catch (OperationCanceledException) when (callSid is null && startDue.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.NoStart(logger, admission.Room.IsCancellationRequested ? "closed to make room for a new socket" : $"no start within {options.StartTimeout}");
        }
        catch (OperationCanceledException) when (receiving.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.MovedNotEnded(logger, callSid!, MoveWait);
        }
        finally
        {
            if (audioOut is not null)
            {
                await audioOut.DisposeAsync();
            }
            // Agent audio still queued is not worth waiting for once the session is over: a send to a socket the
            // carrier no longer reads could otherwise hold up the end of the call.
            outgoing.Writer.TryComplete();
            await ending.CancelAsync();
            await sender;
            await FlushAsync();
            if (callSid is not null && !stopped && !await moveRequest)
            {
                await cluster.GetGrain<ICallGrain>(callSid).EndAsync(CallOutcome.Dropped);
            }
            await SaveRecordingAsync();
        }
    }

    /// <summary>
    /// While a silo dies the cluster refuses or times out calls for a few seconds (until membership moves its grains):
    /// the call must outlive that. Caller audio not yet published stays in the batch and goes with the next one.
    /// </summary>
    async Task<bool> HandleSurvivingFailoverAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        try
        {
            return await HandleAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            Log.ClusterUnavailable(logger, callSid ?? "(none)", e.GetType().Name);
            return true;
        }
    }

    /// <summary>False when the session must end.</summary>
    async Task<bool> HandleAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var parsed = MediaStreamParser.Parse(message.Span, out var error);
        if (parsed is null)
        {
            return await UnusableAsync(error!);
        }

        switch (parsed)
        {
            case MediaStreamEvent.Connected when callSid is null && !connected:
                connected = true;
                return true;
            case MediaStreamEvent.Connected:
                return await UnusableAsync("a repeated connected");
            case MediaStreamEvent.Start start when callSid is null:
                return await StartAsync(start);
            case MediaStreamEvent.Start:
                Log.Skipped(logger, callSid!, "a second start");
                return true;
            case not null when callSid is null:
                return await CloseAsync(WebSocketCloseStatus.PolicyViolation, "start must come first");
            case MediaStreamEvent.Media media:
                return await AddAsync(media);
            case MediaStreamEvent.Stop:
                stopped = true;
                await FlushAsync();
                // After a move the carrier's stop ends this stream only; the call goes on on the new one.
                if (!await moveRequest)
                {
                    await cluster.GetGrain<ICallGrain>(callSid!).EndAsync(CallOutcome.Completed);
                }
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "stopped");
                return false;
            case MediaStreamEvent.Dtmf dtmf:
                await PressAsync(dtmf.Digit);
                return true;
            case MediaStreamEvent.Mark mark when marks.Played(mark.Name):
                await cluster.GetGrain<ICallGrain>(callSid!).HeardAsync(mark.Name).WaitAsync(options.ClusterTimeout, cancellationToken);
                return true;
            default:
                return true;
        }
    }

    /// <summary>Counts an unusable message; false (the socket closed) once there have been too many.</summary>
    async Task<bool> UnusableAsync(string reason)
    {
        Log.Skipped(logger, callSid ?? "(none)", reason);
        return ++badMessages <= options.MaxBadMessages || await CloseAsync(WebSocketCloseStatus.InvalidPayloadData, "too many unusable messages");
    }

    async Task<bool> StartAsync(MediaStreamEvent.Start start)
    {
        // The sid's form and the calls table are checked before any grain is activated for it.
        if (start.Encoding != "audio/x-mulaw" || start.SampleRate != 8000 || start.Token is null || !CallSids.IsValid(start.CallSid)
            || !await calls.ExistsAsync(start.CallSid, CancellationToken.None)
            || !await cluster.GetGrain<ICallGrain>(start.CallSid).RedeemMediaTokenAsync(start.Token))
        {
            Log.Refused(logger);
            return await CloseAsync(WebSocketCloseStatus.PolicyViolation, "not accepted");
        }
        var call = cluster.GetGrain<ICallGrain>(start.CallSid);
        admission.Started();
        callSid = start.CallSid;
        Record(() => recording = recordings.Begin());
        echo = RemoverOfEcho();
        streamSid = start.StreamSid;
        sinceStart.Start();
        lastSequence = start.Sequence;
        var streams = cluster.GetStreamProvider(StreamNames.AudioProvider);
        audioIn = streams.GetStream<CallerAudio>(StreamId.Create(StreamNames.AudioIn, callSid));
        sender = SendQueuedAsync();
        audioOut = await AgentAudioSubscription.StartAsync(
            streams.GetStream<AgentAudio>(StreamId.Create(StreamNames.AudioOut, callSid)), QueueAsync, options.SubscriptionCheck, callSid, logger);
        try
        {
            await call.GreetAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without a greeting the call still hears and answers the caller.
            Log.GreetingFailed(logger, e, callSid);
        }
        if (shuttingDown.IsCancellationRequested)
        {
            // A stream that reached this front end as it was stopping (its address not yet out of the load balancer's
            // list) moves on at once.
            moveRequest = RequestMoveAsync();
        }
        return true;
    }

    LineEchoRemover? RemoverOfEcho()
    {
        if (options.EchoTail == TimeSpan.Zero)
        {
            return null;
        }
        try
        {
            return new LineEchoRemover(options.EchoTail);
        }
        catch (DllNotFoundException)
        {
            // The call goes on; only a speakerphone's echo may now make the agent stop for itself.
            Log.NoEchoCanceller(logger, callSid!);
            return null;
        }
    }

    /// <summary>
    /// Records as the audio comes, on disk since recordings stream: a recording that cannot be written (disk full, no
    /// folder) is given up, logged once, and never takes the call down with it.
    /// </summary>
    void Record(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.RecordingFailed(logger, e, callSid!);
            recording?.Dispose();
            recording = null;
        }
    }

    async Task SaveRecordingAsync()
    {
        if (callSid is null || recording is null || recording.IsEmpty)
        {
            return;
        }
        try
        {
            var path = recordings.Save(callSid, recording);
            await cluster.GetGrain<ICallGrain>(callSid).SetRecordingAsync(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException or FormatException)
        {
            Log.RecordingFailed(logger, e, callSid);
        }
    }

    async Task PressAsync(string digit)
    {
        try
        {
            await cluster.GetGrain<ICallGrain>(callSid!).PressAsync(digit);
        }
        catch (ArgumentException e)
        {
            Log.Skipped(logger, callSid!, e.Message);
        }
    }

    Task QueueAsync(AgentAudio audio)
    {
        if (!outgoing.Writer.TryWrite(audio) && !saidDropping)
        {
            saidDropping = true;
            Log.NotReading(logger, callSid!);
        }
        return Task.CompletedTask;
    }

    async Task SendQueuedAsync()
    {
        try
        {
            await foreach (var audio in outgoing.Reader.ReadAllAsync(ending.Token))
            {
                if (audio is CloseMediaStream)
                {
                    stopped = true;
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "call ended");
                    return;
                }
                await SendAsync(audio);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            Log.Dropped(logger, callSid ?? "(none)", e.Message);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
        }
    }

    async Task SendAsync(AgentAudio audio)
    {
        await sending.WaitAsync(ending.Token);
        try
        {
            if (socket.State != WebSocketState.Open)
            {
                return;
            }
            switch (audio)
            {
                case AgentSpeech speech:
                    for (var offset = 0; offset < speech.MuLaw.Length; offset += Audio.Frames.TelephonyFrameBytes)
                    {
                        var frame = speech.MuLaw.AsMemory(offset, Math.Min(Audio.Frames.TelephonyFrameBytes, speech.MuLaw.Length - offset));
                        var sent = sinceStart.Elapsed;
                        Record(() => recording?.AddAgent(sent, frame.Span));
                        echo?.Sent(frame.Span, sent);
                        await socket.SendAsync(MediaStreamReplies.Media(streamSid, frame.Span), WebSocketMessageType.Text, true, ending.Token);
                    }
                    break;
                case AgentMark mark:
                    marks.Sent(mark.Name);
                    await socket.SendAsync(MediaStreamReplies.Mark(streamSid, mark.Name), WebSocketMessageType.Text, true, ending.Token);
                    break;
                case AgentClear:
                    marks.Cleared();
                    echo?.Cleared(sinceStart.Elapsed);
                    await socket.SendAsync(MediaStreamReplies.Clear(streamSid), WebSocketMessageType.Text, true, ending.Token);
                    break;
            }
        }
        finally
        {
            sending.Release();
        }
    }

    async Task<bool> AddAsync(MediaStreamEvent.Media media)
    {
        if (media.Track != "inbound")
        {
            return true;
        }
        if (media.Sequence <= lastSequence)
        {
            Log.Skipped(logger, callSid!, $"sequence {media.Sequence} after {lastSequence}");
            return true;
        }
        if (media.Timestamp > (sinceStart.Elapsed + options.MaxTimestampLead).TotalMilliseconds)
        {
            return await UnusableAsync($"timestamp {media.Timestamp} ms is ahead of the stream ({sinceStart.ElapsedMilliseconds} ms)");
        }
        lastSequence = media.Sequence;
        Record(() => recording?.AddCaller(media.Timestamp, media.Payload));
        if (batch.Length == 0)
        {
            batchStart = media.Sequence;
        }
        batch.Write(echo is null ? media.Payload : echo.Clean(media.Payload, TimeSpan.FromMilliseconds(media.Timestamp), sinceStart.Elapsed));
        if (batch.Length >= options.BatchFrames * Audio.Frames.TelephonyFrameBytes)
        {
            await FlushAsync();
        }
        return true;
    }

    async Task FlushAsync()
    {
        if (batch.Length > 0 && audioIn is not null)
        {
            // Unpublished audio stays in the batch and goes with the next frame.
            await audioIn.OnNextAsync(new CallerAudio(batchStart, batch.ToArray())).WaitAsync(options.ClusterTimeout);
            batch.SetLength(0);
        }
    }

    async Task<(int Length, bool Closed)> ReceiveAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return (0, true);
            }
            length += result.Count;
            if (result.EndOfMessage)
            {
                return (length, false);
            }
            if (length == buffer.Length)
            {
                await CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too large");
                return (-1, false);
            }
        }
    }

    public void Dispose()
    {
        sending.Dispose();
        ending.Dispose();
        batch.Dispose();
        recording?.Dispose();
        echo?.Dispose();
    }

    /// <summary>
    /// The front end is shutting down and its sockets cannot move: the call is asked to have the carrier open a new
    /// stream (which reaches a front end that stays, through the public address) and pauses meanwhile. True when the
    /// carrier took it; the carrier then ends this stream, and if it has not within <see cref="MoveWait"/> the session
    /// lets it go. False (a browser call, a call that ended, a carrier or cluster that failed): the stream goes on.
    /// </summary>
    async Task<bool> RequestMoveAsync()
    {
        if (callSid is not { } sid || stopped)
        {
            return false;
        }
        try
        {
            if (!await cluster.GetGrain<ICallGrain>(sid).MoveMediaAsync(moveTokenLifetime))
            {
                return false;
            }
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            Log.ClusterUnavailable(logger, sid, e.GetType().Name);
            return false;
        }
        Log.Moving(logger, sid);
        try
        {
            receiving.CancelAfter(MoveWait);
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while the carrier was being asked: nothing is left to let go of.
        }
        return true;
    }

    async Task<bool> CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await sending.WaitAsync();
        try
        {
            // Only the close frame is sent: the session ends now, not when (or if) the carrier answers it.
            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);
            }
            return false;
        }
        finally
        {
            sending.Release();
        }
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream for call {CallSid}: skipped a message ({Reason})")]
        public static partial void Skipped(ILogger logger, string callSid, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream refused: wrong format, unknown call or no valid token")]
        public static partial void Refused(ILogger logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Media stream closed before it started: {Reason}")]
        public static partial void NoStart(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "Media stream for call {CallSid}: the front end is shutting down; the carrier is opening the call a new stream")]
        public static partial void Moving(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream for call {CallSid}: moved, but the carrier had not ended it after {Wait}; let go")]
        public static partial void MovedNotEnded(ILogger logger, string callSid, TimeSpan wait);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream for call {CallSid} dropped: {Reason}")]
        public static partial void Dropped(ILogger logger, string callSid, string reason);

        [LoggerMessage(Level = LogLevel.Error, Message = "Media stream for call {CallSid}: its recording could not be written")]
        public static partial void RecordingFailed(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Error, Message = "Media stream for call {CallSid}: the agent could not greet the caller")]
        public static partial void GreetingFailed(ILogger logger, Exception exception, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream for call {CallSid}: the cluster did not take a message ({Error}); the call goes on")]
        public static partial void ClusterUnavailable(ILogger logger, string callSid, string error);

        [LoggerMessage(Level = LogLevel.Error, Message = "Media stream for call {CallSid}: no echo cancellation, libspeexdsp.so.1 is not installed (Debian: libspeexdsp1)")]
        public static partial void NoEchoCanceller(ILogger logger, string callSid);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Media stream for call {CallSid}: the carrier is not reading; agent audio is being dropped")]
        public static partial void NotReading(ILogger logger, string callSid);
    }
}
