using System.Diagnostics;
using System.Text.Json;
using VoiceGrains.Audio;
using VoiceGrains.Audio.Echo;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Vad;
using VoiceGrains.Testing;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// A speakerphone's echo against barge-in, frame by frame as a call runs: the agent speaks real agents' sentences
/// (the SYSTEM turns of ../shared/testdata/dialogs/appointments, voiced with espeak-ng), the carrier plays them in
/// real time, and the simulator's <see cref="SpeakerphoneEchoPath"/> sends them back 20 dB quieter after 100–250 ms
/// on the caller's line, which goes through <see cref="LineEchoRemover"/> (as the front end runs it) and the
/// product's VAD. A false barge-in is a sentence during whose echo the VAD reported voice (the agent would pause).
/// Real barge-ins are the recordings of ../shared/testdata/speech said 1 s into an agent sentence over its echo
/// (in the call's first sentence, and after 5 s of the agent's speech for the canceller to learn the echo); their
/// detection is the VAD's voice onset, timed from the recording's reference start of speech.
/// </summary>
static class EchoBenchmark
{
    const double LossDb = 20;

    static readonly int[] Delays = [100, 150, 200, 250];

    static readonly TimeSpan Tail = TimeSpan.FromMilliseconds(500);

    /// <summary>Silence between agent sentences: the caller's line goes on, so the echo of a sentence's end is heard.</summary>
    const int GapFrames = 30;

    public static void Run(int sentences)
    {
        using var model = new SileroVadModel(ModelStore.Default().Require(ModelCatalog.Get("silero-vad")));
        var voice = new EspeakEngine();
        var agent = AgentSentences(sentences).Select(s => Speak(voice, s)).ToList();
        Console.WriteLine($"{agent.Count} agent sentences ({agent.Sum(a => a.Count) * Frames.Milliseconds / 1000.0:0} s, espeak-ng), echo −{LossDb} dB, canceller tail {Tail.TotalMilliseconds} ms");
        Console.WriteLine();
        Console.WriteLine("| echo delay | false barge-ins, no canceller | false barge-ins, SpeexDSP canceller + gate | canceller cost per 20 ms frame |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var delay in Delays)
        {
            var echo = new SpeakerphoneEcho(LossDb, TimeSpan.FromMilliseconds(delay));
            var raw = FalseBargeIns(model, agent, echo, removing: false);
            var removed = FalseBargeIns(model, agent, echo, removing: true);
            Console.WriteLine($"| {delay} ms | {raw.Count}/{agent.Count} | {removed.Count}/{agent.Count} | {removed.MicrosecondsPerFrame:0} µs |");
        }

        var callers = SpeechRecordings.All().Where(r => r.Transcript is not null).ToList();
        var longest = agent.OrderByDescending(a => a.Count).First();
        Console.WriteLine();
        Console.WriteLine($"| real barge-in ({callers.Count} recordings, said 1 s into a {longest.Count * Frames.Milliseconds / 1000.0:0.0} s agent sentence) | detected | onset p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|");
        // Enough sentences before the barge-in for the canceller to have learnt the path (about 5 s of the agent's speech).
        var learnt = new List<List<byte[]>>();
        foreach (var sentence in agent.Where(a => a != longest))
        {
            if (learnt.Sum(a => a.Count) * Frames.Milliseconds >= 5000)
            {
                break;
            }
            learnt.Add(sentence);
        }
        var echo200 = new SpeakerphoneEcho(LossDb, TimeSpan.FromMilliseconds(200));
        Report("no echo (the VAD alone)", null, removing: false, []);
        Report("echo −20 dB, 200 ms, no canceller", echo200, removing: false, learnt);
        Report("echo −20 dB, 200 ms, SpeexDSP canceller + gate, in the call's first sentence (still learning)", echo200, removing: true, []);
        Report($"echo −20 dB, 200 ms, SpeexDSP canceller + gate, after {learnt.Count} sentences", echo200, removing: true, learnt);

        void Report(string condition, SpeakerphoneEcho? echo, bool removing, List<List<byte[]>> before)
        {
            var onsets = callers.Select(c => Detection(model, before, longest, c, echo, removing)).ToList();
            var found = onsets.OfType<double>().ToList();
            Console.WriteLine(found.Count == 0
                ? $"| {condition} | 0/{callers.Count} | — | — | — |"
                : $"| {condition} | {found.Count}/{callers.Count} | {Percentiles.Of(found, 50):0} | {Percentiles.Of(found, 95):0} | {found.Max():0} |");
        }
    }

    /// <summary>The first distinct SYSTEM turns of the appointment dialogues: what agents of a booking service say.</summary>
    static List<string> AgentSentences(int count)
    {
        using var dialogues = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("dialogs", "appointments", "dialogues.json")));
        return dialogues.RootElement.EnumerateArray()
            .SelectMany(d => d.GetProperty("turns").EnumerateArray())
            .Where(t => t.GetProperty("speaker").GetString() == "SYSTEM")
            .Select(t => t.GetProperty("utterance").GetString()!)
            .Distinct().Take(count).ToList();
    }

    static List<byte[]> Speak(EspeakEngine voice, string sentence)
    {
        var audio = new AudioClip(voice.Synthesize(sentence, CancellationToken.None), voice.SampleRate).ResampleTo(Frames.TelephonyRate);
        return Frames.SplitMuLaw(MuLaw.EncodeFromFloat(audio.Samples));
    }

    static (int Count, double MicrosecondsPerFrame) FalseBargeIns(SileroVadModel model, List<List<byte[]>> agent, SpeakerphoneEcho echo, bool removing)
    {
        using var line = new Line(model, echo, removing);
        var count = 0;
        foreach (var sentence in agent)
        {
            line.Say(sentence);
            var onsets = 0;
            for (var i = 0; i < sentence.Count + GapFrames; i++)
            {
                onsets += line.Tick(null).OfType<VoiceOnset>().Count();
            }
            count += onsets > 0 ? 1 : 0;
        }
        return (count, line.CancelTicks * 1e6 / Stopwatch.Frequency / line.FramesCleaned);
    }

    /// <summary>Milliseconds from the caller's reference start of speech to the VAD's voice onset; null when never detected.</summary>
    static double? Detection(SileroVadModel model, IEnumerable<List<byte[]>> warmUp, List<byte[]> sentence, SpeechRecording caller, SpeakerphoneEcho? echo, bool removing)
    {
        using var line = new Line(model, echo, removing);
        {
            foreach (var earlier in warmUp)
            {
                line.Say(earlier);
                for (var i = 0; i < earlier.Count + GapFrames; i++)
                {
                    line.Tick(null);
                }
            }
            line.Say(sentence);
        }
        var speech = Frames.SplitMuLaw(MuLaw.EncodeFromFloat(SpeechRecordings.AsTelephone(caller.Clip).Samples));
        const int startFrame = 1000 / Frames.Milliseconds;
        for (var i = 0; i < startFrame + speech.Count; i++)
        {
            var said = i >= startFrame ? speech[i - startFrame] : null;
            if (line.Tick(said).OfType<VoiceOnset>().Any() && i >= startFrame)
            {
                return (i + 1 - startFrame) * Frames.Milliseconds - caller.Speech[0].Start * 1000;
            }
        }
        return null;
    }

    /// <summary>One call's line: the carrier's playback, the echo path, the front end's remover and the VAD.</summary>
    sealed class Line(SileroVadModel model, SpeakerphoneEcho? echo, bool removing) : IDisposable
    {
        readonly Queue<byte[]> playback = new();
        readonly SpeakerphoneEchoPath? path = echo is null ? null : new SpeakerphoneEchoPath(echo);
        readonly LineEchoRemover? remover = removing ? new LineEchoRemover(Tail) : null;
        readonly VadStream vad = new(model, Frames.TelephonyRate);
        static readonly byte[] Silence = Enumerable.Repeat(Frames.MuLawSilence, Frames.TelephonyFrameBytes).ToArray();

        public long CancelTicks { get; private set; }
        public int FramesCleaned { get; private set; }

        long ticks;

        /// <summary>The agent's sentence, sent whole to the carrier as the front end does.</summary>
        public void Say(List<byte[]> sentence)
        {
            foreach (var frame in sentence)
            {
                playback.Enqueue(frame);
                remover?.Sent(frame, Now);
            }
        }

        /// <summary>The stream's clock: 20 ms a tick.</summary>
        TimeSpan Now => TimeSpan.FromMilliseconds(ticks * VoiceGrains.Audio.Frames.Milliseconds);

        /// <summary>20 ms: the caller's frame (null: silent) reaches the VAD, then the carrier plays a frame.</summary>
        public List<VadEvent> Tick(byte[]? said)
        {
            var heard = path?.Mix(said ?? Silence) ?? said ?? Silence;
            var cleaned = heard;
            if (remover is not null)
            {
                var started = Stopwatch.GetTimestamp();
                cleaned = remover.Clean(heard, Now, Now);
                CancelTicks += Stopwatch.GetTimestamp() - started;
                FramesCleaned++;
            }
            path?.Played(playback.TryDequeue(out var played) ? played : null);
            ticks++;
            return vad.Push(MuLaw.DecodeToFloat(cleaned));
        }

        public void Dispose() => remover?.Dispose();
    }
}
