using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using VoiceGrains.Audio;

namespace VoiceGrains.Simulator;

/// <summary>
/// One call placed the way Twilio places it: the signed voice webhook, the media WebSocket opened with the
/// TwiML's stream parameters, caller audio sent every 20 ms in real time (silence between lines), agent audio
/// played out at real time with its marks echoed as they are reached, <c>stop</c> at hang-up and the signed status
/// callback. Three loops share the call: the 20 ms line (the only sender), the receiver, and the script.
/// </summary>
public sealed partial class SimulatedCall : IDisposable
{
    /// <summary>The simulated carrier's account: the front end does not check it, and nothing here stands for a real one.</summary>
    const string AccountSid = "AC00000000000000000000000000000000";

    /// <summary>
    /// How long a caller waits after a sentence whose audio ran out before its end was marked: longer than the reply
    /// gap, since synthesis that fell behind leaves such pauses between sentences (a caller who spoke after 800 ms cut
    /// replies in 2 of 11 runs of the speakerphone call), yet a reply that ended so is still answered, not left to the
    /// agent's "are you still there?" 8 s later.
    /// </summary>
    const double LateSentenceEndGapMs = 2500;

    /// <summary>Agent audio arrives in batches of up to 200 ms: audio that arrived this recently may still be playing.</summary>
    const double StillPlayingMs = 200;

    static readonly byte[] SilenceFrame = Enumerable.Repeat(Frames.MuLawSilence, Frames.TelephonyFrameBytes).ToArray();

    readonly SimulatorOptions options;
    readonly IReadOnlyList<(ScriptLine Line, CallerClip? Clip)> script;
    readonly HttpClient http;
    readonly string callSid;
    /// <summary>The call's stream; replaced when the product has the carrier open a new one (<see cref="SimulatorOptions.Redirects"/>).</summary>
    volatile ClientWebSocket socket = new();
    string streamSid = "MZ" + RandomHex();
    /// <summary>Streams this call had before its current one: their receivers may still be ending.</summary>
    readonly List<ClientWebSocket> earlierStreams = [];
    /// <summary>One sender at a time, and no send while the stream is being replaced.</summary>
    readonly SemaphoreSlim sending = new(1, 1);
    /// <summary>The current stream's media chunks: its timestamps count from its own start, as Twilio's do.</summary>
    long streamChunk;
    Task receiving = Task.CompletedTask;
    int streamsMoved;
    /// <summary>When the stream moved while the caller was hearing the agent (until the new stream's first audio).</summary>
    double? movedWhileSpeaking;
    readonly List<double> moveSilences = [];
    readonly Stopwatch clock = new();
    readonly Lock gate = new();
    readonly CarrierPlayback playback = new();
    /// <summary>The speakerphone's way back (<see cref="SimulatorOptions.Echo"/>); only the line loop touches it.</summary>
    readonly SpeakerphoneEchoPath? echo;
    readonly ConcurrentQueue<Func<long, byte[]>> control = new();
    long sequence;
    CallerClip? speaking;
    int spoken;
    TaskCompletionSource? lineSpoken;
    double? voiceStartedAt;
    double? voiceEndedAt;
    double lastAgentAudioAt = double.NegativeInfinity;
    double? replyWanted;
    double? replyArrivedAt;
    double? clearedAt;
    int clears;
    volatile bool serverClosed;
    volatile bool hangingUp;

    SimulatedCall(SimulatorOptions options, IReadOnlyList<(ScriptLine, CallerClip?)> script, HttpClient http)
    {
        this.options = options;
        this.script = script;
        this.http = http;
        callSid = options.Answering?.CallSid ?? options.CallSid ?? "CA" + RandomHex();
        echo = options.Echo is null ? null : new SpeakerphoneEchoPath(options.Echo);
    }

    double Now => clock.Elapsed.TotalMilliseconds;

    /// <summary>Places the call, plays the script, hangs up and reads the server's record of the call.</summary>
    /// <exception cref="SimulatorException">The server refused the call or broke the protocol.</exception>
    public static async Task<CallReport> RunAsync(SimulatorOptions options, IReadOnlyList<(ScriptLine, CallerClip?)> script, HttpClient http, CancellationToken cancellationToken)
    {
        using var call = new SimulatedCall(options, script, http);
        return await call.RunAsync(cancellationToken);
    }

    public void Dispose()
    {
        socket.Dispose();
        earlierStreams.ForEach(s => s.Dispose());
        sending.Dispose();
    }

    async Task<CallReport> RunAsync(CancellationToken cancellationToken)
    {
        var stream = ConnectStream.FromTwiml(options.Answering is { } placed
            ? await PostWebhookAsync(placed.VoiceUrl, Webhook("in-progress", ("AnsweredBy", "human")), cancellationToken)
            : await PostWebhookAsync("/twilio/voice", Webhook("ringing"), cancellationToken));
        await socket.ConnectAsync(stream.Url, cancellationToken);
        clock.Start();
        await SendAsync(CarrierMessages.Connected(), cancellationToken);
        await SendAsync(CarrierMessages.Start(++sequence, AccountSid, streamSid, callSid, stream.Parameters), cancellationToken);

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var line = RunLineAsync(stopping.Token);
        receiving = ReceiveAsync(socket, stopping.Token);
        var redirects = FollowRedirectsAsync(stopping.Token);
        IReadOnlyList<TurnReport> turns;
        double? greeting;
        try
        {
            (greeting, turns) = await PlayScriptAsync(cancellationToken);
        }
        finally
        {
            hangingUp = true;
            await line;
            await sending.WaitAsync(CancellationToken.None);
            try
            {
                if (!serverClosed && socket.State == WebSocketState.Open)
                {
                    await socket.SendAsync(CarrierMessages.Stop(++sequence, AccountSid, streamSid, callSid), WebSocketMessageType.Text, true, CancellationToken.None);
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "hung up", CancellationToken.None);
                }
            }
            finally
            {
                sending.Release();
            }
            await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            await stopping.CancelAsync();
            await redirects;
        }

        var report = new CallReport(callSid, greeting, turns, serverClosed, script.Count - turns.Count, clears) { StreamsMoved = streamsMoved, MoveSilencesMs = moveSilences };
        var duration = ((int)clock.Elapsed.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completed = Webhook("completed", ("CallDuration", duration));
        await (options.Answering is { } answered
            ? PostWebhookAsync(answered.StatusCallback, completed, CancellationToken.None)
            : PostWebhookAsync("/twilio/status", completed, CancellationToken.None));
        await ServerRecord.CompleteAsync(http, options, report, cancellationToken);
        return report;
    }

    async Task<(double? Greeting, IReadOnlyList<TurnReport> Turns)> PlayScriptAsync(CancellationToken cancellationToken)
    {
        replyWanted = 0;
        var greeting = await ReplyStartAsync(cancellationToken);
        await AgentFinishedAsync(cancellationToken);
        var turns = new List<TurnReport>();
        foreach (var (line, clip) in script)
        {
            if (serverClosed)
            {
                break;
            }
            if (line.BargeIn)
            {
                await AgentAudibleAsync(cancellationToken);
            }
            lock (gate)
            {
                clearedAt = null;
                replyWanted = null;
                replyArrivedAt = null;
            }
            double? bargeIn = null;
            if (clip is null)
            {
                foreach (var key in line.Text)
                {
                    control.Enqueue(n => CarrierMessages.Dtmf(n, streamSid, key));
                }
                lock (gate)
                {
                    replyWanted = Now;
                }
            }
            else
            {
                await SpeakAsync(clip, cancellationToken);
                if (line.BargeIn)
                {
                    await ClearedAsync(cancellationToken);
                }
                lock (gate)
                {
                    // The reply is what the agent says once the caller's voice has ended and it has stopped for it:
                    // the rest of the reply the caller talked over is not an answer.
                    replyWanted = clearedAt > voiceEndedAt ? clearedAt : voiceEndedAt;
                    bargeIn = line.BargeIn && clearedAt is { } cleared ? cleared - voiceStartedAt : null;
                }
            }
            var latency = await ReplyStartAsync(cancellationToken);
            var turn = new TurnReport(line.Text, line.BargeIn, latency, bargeIn);
            turns.Add(turn);
            if (options.TurnCompleted is { } told)
            {
                await told(callSid, turn, cancellationToken);
            }
            await AgentFinishedAsync(cancellationToken);
        }
        // A caller who has said goodbye gives the agent a moment to hang up first, counted from the last of the agent's
        // voice: nobody hangs up on an agent still talking (an apology after a failed transfer can begin after the
        // reply gap, and its hang-up comes only once it has been heard).
        var quietSince = Now;
        var giveUpBy = Now + options.ReplyTimeout.TotalMilliseconds + options.HangUpWait.TotalMilliseconds;
        while (!serverClosed && Now < giveUpBy && Now - quietSince < options.HangUpWait.TotalMilliseconds)
        {
            lock (gate)
            {
                if (!playback.IsEmpty)
                {
                    quietSince = Now;
                }
            }
            await Task.Delay(Frames.Milliseconds, cancellationToken);
        }
        return (greeting, turns);
    }

    /// <summary>Plays one caller line through the 20 ms line and waits until its last frame has gone.</summary>
    Task SpeakAsync(CallerClip clip, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            speaking = clip;
            spoken = 0;
            voiceStartedAt = voiceEndedAt = null;
            lineSpoken = done;
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// After a line spoken over the agent: waits for the server's <c>clear</c>, which may come after a short sound
    /// (a cough) has already ended, for up to the reply gap; a server that has not cleared by then did not react.
    /// </summary>
    async Task ClearedAsync(CancellationToken cancellationToken)
    {
        while (!serverClosed)
        {
            lock (gate)
            {
                if (clearedAt is not null || voiceEndedAt is not { } ended || Now - ended >= options.ReplyGap.TotalMilliseconds)
                {
                    return;
                }
            }
            await Task.Delay(Frames.Milliseconds, cancellationToken);
        }
    }

    /// <summary>Milliseconds from the moment a reply was wanted to its first audio frame; null if none came in time.</summary>
    async Task<double?> ReplyStartAsync(CancellationToken cancellationToken)
    {
        var deadline = Now + options.ReplyTimeout.TotalMilliseconds;
        while (Now < deadline && !serverClosed)
        {
            lock (gate)
            {
                if (replyArrivedAt is { } arrived && replyWanted is { } wanted)
                {
                    return arrived - wanted;
                }
            }
            await Task.Delay(Frames.Milliseconds, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// The agent has finished: everything received has played, up to the end of a sentence, and no more has come for
    /// the reply gap. Audio that stalls mid-sentence is waited for: a caller who took such a stall for the end spoke
    /// over the reply's first sentence, which the server rightly cut to nothing heard (1 of 4 CI runs, and 1 of 6 runs
    /// of the spoken-call test here, ended so).
    /// </summary>
    async Task AgentFinishedAsync(CancellationToken cancellationToken)
    {
        var deadline = Now + options.ReplyTimeout.TotalMilliseconds;
        while (Now < deadline && !serverClosed)
        {
            lock (gate)
            {
                var quiet = Now - lastAgentAudioAt;
                if (playback.IsEmpty && ((playback.AtSentenceEnd && quiet >= options.ReplyGap.TotalMilliseconds)
                                         || (playback.SentenceEndedLate && quiet >= LateSentenceEndGapMs)))
                {
                    return;
                }
            }
            await Task.Delay(Frames.Milliseconds, cancellationToken);
        }
    }

    /// <summary>Waits until the agent has been heard for the barge-in delay (its reply has begun playing).</summary>
    async Task AgentAudibleAsync(CancellationToken cancellationToken)
    {
        var heardSince = double.NaN;
        var deadline = Now + options.ReplyTimeout.TotalMilliseconds;
        while (Now < deadline && !serverClosed)
        {
            lock (gate)
            {
                heardSince = playback.IsEmpty ? double.NaN : double.IsNaN(heardSince) ? Now : heardSince;
            }
            if (!double.IsNaN(heardSince) && Now - heardSince >= options.BargeInAfter.TotalMilliseconds)
            {
                return;
            }
            await Task.Delay(Frames.Milliseconds, cancellationToken);
        }
    }

    /// <summary>
    /// The phone line: every 20 ms one frame of caller audio (the line being spoken, or silence), then control
    /// messages (keys, echoed marks), then one frame of agent audio played. Paced against the clock, not by
    /// sleeping 20 ms, so the stream keeps real time however long a send takes.
    /// </summary>
    async Task RunLineAsync(CancellationToken cancellationToken)
    {
        long chunk = 0;
        try
        {
            while (!hangingUp && !serverClosed && socket.State == WebSocketState.Open)
            {
                var frame = NextCallerFrame();
                if (echo is not null)
                {
                    frame = echo.Mix(frame);
                }
                chunk++;
                options.CallerFrameSent?.Invoke(frame);
                await SendMediaAsync(frame, cancellationToken);
                List<string> reached;
                byte[]? played;
                lock (gate)
                {
                    reached = playback.Tick(out played);
                }
                echo?.Played(played);
                foreach (var mark in reached)
                {
                    control.Enqueue(n => CarrierMessages.Mark(n, streamSid, mark));
                }
                while (control.TryDequeue(out var message))
                {
                    await SendAsync(message(++sequence), cancellationToken);
                }
                var due = chunk * Frames.Milliseconds - Now;
                if (due > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(due), cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            serverClosed = serverClosed || e is WebSocketException;
        }
        lock (gate)
        {
            lineSpoken?.TrySetResult();
        }
    }

    byte[] NextCallerFrame()
    {
        lock (gate)
        {
            if (speaking is not { } clip)
            {
                return SilenceFrame;
            }
            var frame = clip.Frames[spoken];
            if (spoken == clip.VoiceStart)
            {
                voiceStartedAt = Now;
            }
            if (spoken == clip.VoiceEnd)
            {
                voiceEndedAt = Now;
            }
            if (++spoken == clip.Frames.Count)
            {
                speaking = null;
                lineSpoken?.TrySetResult();
            }
            return frame;
        }
    }

    /// <summary>Reads one stream's messages until it closes; the call's line is closed only by its current stream's end.</summary>
    async Task ReceiveAsync(ClientWebSocket stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (stream.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await stream.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && length < buffer.Length);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                if (stream == socket)
                {
                    Handle(buffer.AsSpan(0, length));
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        if (stream == socket)
        {
            serverClosed = !hangingUp;
        }
    }

    /// <summary>
    /// The product updated the live call with new TwiML (<see cref="SimulatorOptions.Redirects"/>): one that connects a
    /// stream replaces the call's stream with it, as Twilio does; anything else (a <c>&lt;Dial&gt;</c>) is not the
    /// simulator's to follow.
    /// </summary>
    async Task FollowRedirectsAsync(CancellationToken cancellationToken)
    {
        if (options.Redirects is not { } redirects)
        {
            return;
        }
        try
        {
            await foreach (var twiml in redirects.ReadAllAsync(cancellationToken))
            {
                ConnectStream stream;
                try
                {
                    stream = ConnectStream.FromTwiml(twiml);
                }
                catch (SimulatorException)
                {
                    continue;
                }
                await MoveAsync(stream, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Twilio runs the call's new <c>&lt;Connect&gt;&lt;Stream&gt;</c>: the stream it had ends (its <c>stop</c>, then
    /// the close; what it had not played of it is never played, its marks never echoed) and the new one opens with its
    /// own stream sid, its own clock and the new TwiML's parameters. A new stream that cannot be opened ends the call,
    /// as at Twilio, where the TwiML then runs out.
    /// </summary>
    async Task MoveAsync(ConnectStream stream, CancellationToken cancellationToken)
    {
        var fresh = new ClientWebSocket();
        try
        {
            await fresh.ConnectAsync(stream.Url, cancellationToken);
        }
        catch (WebSocketException)
        {
            fresh.Dispose();
            serverClosed = true;
            return;
        }
        await sending.WaitAsync(cancellationToken);
        try
        {
            // The new stream is the line's before the old one closes: the line loop never sees it without an open stream.
            var old = socket;
            var oldSid = streamSid;
            lock (gate)
            {
                // The caller hears the agent now if audio is still queued to play or the last arrived a moment ago.
                if (!playback.IsEmpty || Now - lastAgentAudioAt < StillPlayingMs)
                {
                    movedWhileSpeaking = Now;
                }
                playback.Clear();
                control.Clear();
                streamsMoved++;
                earlierStreams.Add(old);
                socket = fresh;
                streamSid = "MZ" + RandomHex();
                streamChunk = 0;
            }
            await fresh.SendAsync(CarrierMessages.Connected(), WebSocketMessageType.Text, true, cancellationToken);
            await fresh.SendAsync(CarrierMessages.Start(++sequence, AccountSid, streamSid, callSid, stream.Parameters), WebSocketMessageType.Text, true, cancellationToken);
            try
            {
                await old.SendAsync(CarrierMessages.Stop(++sequence, AccountSid, oldSid, callSid), WebSocketMessageType.Text, true, cancellationToken);
                await old.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "redirected", cancellationToken);
            }
            catch (Exception e) when (e is WebSocketException or InvalidOperationException)
            {
                // The old stream was already gone: the new one carries the call.
            }
        }
        finally
        {
            sending.Release();
        }
        receiving = ReceiveAsync(fresh, cancellationToken);
    }

    void Handle(ReadOnlySpan<byte> message)
    {
        using var json = JsonDocument.Parse(message.ToArray());
        var root = json.RootElement;
        var kind = root.GetProperty("event").GetString();
        lock (gate)
        {
            switch (kind)
            {
                case "media":
                    foreach (var frame in Frames.SplitMuLaw(Convert.FromBase64String(root.GetProperty("media").GetProperty("payload").GetString()!)))
                    {
                        options.AgentFrameReceived?.Invoke(frame);
                        playback.Add(frame);
                    }
                    lastAgentAudioAt = Now;
                    if (movedWhileSpeaking is { } moved)
                    {
                        moveSilences.Add(Now - moved);
                        movedWhileSpeaking = null;
                    }
                    if (replyWanted is { } wanted && replyArrivedAt is null && Now >= wanted)
                    {
                        replyArrivedAt = Now;
                    }
                    break;
                case "mark":
                    playback.AddMark(root.GetProperty("mark").GetProperty("name").GetString()!);
                    break;
                case "clear":
                    clearedAt ??= Now;
                    clears++;
                    foreach (var mark in playback.Clear())
                    {
                        control.Enqueue(n => CarrierMessages.Mark(n, streamSid, mark));
                    }
                    break;
            }
        }
    }

    async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>One 20 ms frame of the caller's audio on the current stream, stamped by that stream's clock.</summary>
    async Task SendMediaAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            streamChunk++;
            var message = CarrierMessages.Media(++sequence, streamSid, streamChunk, (streamChunk - 1) * Frames.Milliseconds, frame);
            await socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    List<KeyValuePair<string, string>> Webhook(string status, params (string Name, string Value)[] extra)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid),
            new("ApiVersion", "2010-04-01"),
            new("CallSid", callSid),
            new("CallStatus", status),
            // https://www.twilio.com/docs/voice/api/call-resource: a call placed through the REST API is "outbound-api".
            new("Direction", options.Answering is null ? "inbound" : "outbound-api"),
            new("From", options.From),
            new("Caller", options.From),
            new("To", options.To),
            new("Called", options.To),
        };
        form.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return form;
    }

    /// <summary>A webhook of a call placed to the product, at the front end's path, signed for its public address.</summary>
    Task<string> PostWebhookAsync(string path, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        PostWebhookAsync(new Uri(options.Server, path), new Uri(options.SignedBase, path), form, cancellationToken);

    /// <summary>A webhook of a call the product placed, at the address it gave Twilio (and signed for it).</summary>
    Task<string> PostWebhookAsync(Uri address, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken) =>
        PostWebhookAsync(address, address, form, cancellationToken);

    async Task<string> PostWebhookAsync(Uri address, Uri signed, List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var path = address.AbsolutePath;
        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioWebhookSignature.Sign(options.AuthToken, signed.ToString(), form));
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden => throw new SimulatorException(
                $"{path} refused the signature (403): the auth token or the public URL ({options.SignedBase}) is not the front end's."),
            HttpStatusCode.NotFound => throw new SimulatorException($"{path} is not there (404): the front end has no Twilio:AuthToken configured."),
            _ when !response.IsSuccessStatusCode => throw new SimulatorException($"{path} answered {(int)response.StatusCode}: {body}"),
            _ => body,
        };
    }

    static string RandomHex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
