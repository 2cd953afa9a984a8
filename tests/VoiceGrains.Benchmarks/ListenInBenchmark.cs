using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using VoiceGrains.Audio;
using VoiceGrains.Operators;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Testing;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// How far behind a call a supervisor listening in hears it: N simulated calls at once on <see cref="ScriptedSystem"/>,
/// K of them each with a supervisor's listen-in socket on the console (<c>/api/calls/{sid}/listen</c>, an API token). Every 20 ms
/// frame is recognised by its content on both sides: the caller's from the moment the simulated carrier sends it, the
/// agent's from the moment the carrier receives it (the caller hears it from then on), to the moment the listener's
/// socket delivers it. Frames whose content occurs more than once in a call (silence, a repeated phrase) are left out,
/// since they cannot be paired. The browser's own 80 ms play-out cushion (console.js) comes on top.
/// </summary>
static class ListenInBenchmark
{
    public static async Task RunAsync(int calls, int listened)
    {
        await using var system = await ScriptedSystem.StartAsync();
        var supervisor = await TestOperator.AddAsync(system.ConnectionString, OperatorRoles.Supervisor);
        var voice = new CallerVoice(new EspeakEngine("en+f3"));
        var script = CallScript.Load(ScriptedSystem.Script).Lines
            .Select(l => (l, l.Kind == ScriptLineKind.Keys ? null : voice.Render(l))).ToList();
        using var http = new HttpClient();

        await ListenAsync(system, supervisor, script, http, 1, 1, "warm-up");
        await ListenAsync(system, supervisor, script, http, calls, Math.Min(calls, listened), $"{calls} call(s) at once, {Math.Min(calls, listened)} listened to");
    }

    static async Task ListenAsync(
        ScriptedSystem system, TestOperator supervisor, List<(ScriptLine, CallerClip?)> script, HttpClient http, int calls, int listeners, string label)
    {
        var ledgers = await Task.WhenAll(Enumerable.Range(0, calls).Select(async call =>
        {
            var ledger = new FrameLedger();
            var options = new SimulatorOptions
            {
                Server = system.Address,
                AuthToken = TwilioRestServer.AuthToken,
                Console = system.ConsoleAddress,
                ApiToken = supervisor.ApiToken,
                CallSid = "CA" + Guid.NewGuid().ToString("N"),
                CallerFrameSent = frame => ledger.Sent(Side.Caller, frame),
                AgentFrameReceived = frame => ledger.Sent(Side.Agent, frame),
            };
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var placed = SimulatedCall.RunAsync(options, script, http, timeout.Token);
            if (call < listeners)
            {
                await ListenUntilTheCallEndsAsync(system.ConsoleAddress, options.CallSid, supervisor, ledger, placed, timeout.Token);
            }
            await placed;
            return ledger;
        }));
        foreach (var side in new[] { Side.Caller, Side.Agent })
        {
            var delays = ledgers.SelectMany(ledger => ledger.Delays(side)).ToList();
            var what = side == Side.Caller ? "caller's voice, sent by the carrier" : "agent's voice, received by the carrier";
            Console.WriteLine(delays.Count == 0
                ? $"{label}: {what}: no frames paired"
                : $"{label}: {what} → at the listener: p50 {Percentiles.Of(delays, 50):0} ms, p95 {Percentiles.Of(delays, 95):0} ms, " +
                  $"max {delays.Max():0} ms, min {delays.Min():0} ms over {delays.Count} frames");
        }
    }

    /// <summary>Opens the listen-in socket as soon as the console knows the call, and reads it until the call ends.</summary>
    static async Task ListenUntilTheCallEndsAsync(
        Uri console, string callSid, TestOperator supervisor, FrameLedger ledger, Task call, CancellationToken cancellationToken)
    {
        var uri = new UriBuilder(new Uri(console, $"/api/calls/{callSid}/listen")) { Scheme = "ws" }.Uri;
        while (!call.IsCompleted)
        {
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", $"Bearer {supervisor.ApiToken}");
            try
            {
                await socket.ConnectAsync(uri, cancellationToken);
            }
            catch (WebSocketException)
            {
                await Task.Delay(20, cancellationToken);    // 404 until the call's row is written
                continue;
            }
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage);
                var at = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                if (length > 1 && buffer[0] is CallAudioKinds.Caller or CallAudioKinds.Agent)
                {
                    var side = buffer[0] == CallAudioKinds.Caller ? Side.Caller : Side.Agent;
                    foreach (var frame in Frames.SplitMuLaw(buffer.AsSpan(1, length - 1)))
                    {
                        ledger.Heard(side, frame, at);
                    }
                }
            }
        }
    }

    enum Side { Caller, Agent }

    /// <summary>The listen-in socket's kind bytes (the console's CallAudioTap): 0 the caller, 1 the agent.</summary>
    static class CallAudioKinds
    {
        public const byte Caller = 0;
        public const byte Agent = 1;
    }

    /// <summary>One call's frames by content: when each went on the line, and when the listener got it.</summary>
    sealed class FrameLedger
    {
        readonly ConcurrentDictionary<(Side, string), List<long>> sent = new();
        readonly ConcurrentDictionary<(Side, string), List<long>> heard = new();

        public void Sent(Side side, byte[] frame) => Add(sent, side, frame, Stopwatch.GetTimestamp());

        public void Heard(Side side, byte[] frame, long at) => Add(heard, side, frame, at);

        static void Add(ConcurrentDictionary<(Side, string), List<long>> times, Side side, byte[] frame, long at)
        {
            var list = times.GetOrAdd((side, Convert.ToHexString(SHA256.HashData(frame))), _ => []);
            lock (list)
            {
                list.Add(at);
            }
        }

        /// <summary>Milliseconds from the line to the listener, for each frame sent once and heard once.</summary>
        public IEnumerable<double> Delays(Side side) =>
            from pair in heard
            where pair.Key.Item1 == side && pair.Value.Count == 1
            let line = sent.GetValueOrDefault(pair.Key)
            where line is { Count: 1 }
            select Stopwatch.GetElapsedTime(line[0], pair.Value[0]).TotalMilliseconds;
    }
}
