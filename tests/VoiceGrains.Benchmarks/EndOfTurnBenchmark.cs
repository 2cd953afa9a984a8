using VoiceGrains.Audio;
using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Vad;
using VoiceGrains.Testing;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// End of turn on real recordings (../shared/testdata/speech: 14 read utterances, 4 speakers, with reference speech
/// segments), heard as the product hears a call: 8 kHz through μ-law, Silero VAD in 20 ms blocks. Complete turns are
/// each utterance followed by silence; paused turns join two utterances (each with the next one) with a pause of
/// 200–1200 ms between the first's reference end and the second's reference start. A policy ends the turn when its
/// silence has lasted; scored as the public end-of-turn benchmarks score: a false cut-off is a turn ended before the
/// caller's real end (inside a pause, or inside speech), dead air the time from the real end of a complete turn to the
/// decision. None of these recordings trails off with a filler ("um"), so no such turn is built. The product's policy
/// is the VAD's 250 ms, except that a line whose words stop mid-sentence (<see cref="TurnEnding"/>, judged on the
/// recording's own transcript, as a perfect recognizer would hear it) waits
/// <see cref="VoiceGrains.TurnEnding.UnfinishedWait"/> more for the caller to go on.
/// </summary>
static class EndOfTurnBenchmark
{
    static readonly int[] Pauses = [200, 300, 400, 500, 600, 700, 900, 1200];

    static readonly int[] Silences = [250, 500, 800];

    /// <summary>Silence after a turn's last word: longer than any policy waits.</summary>
    const double Tail = 2.5;

    public static void Run()
    {
        var utterances = SpeechRecordings.All().Where(r => r.Transcript is not null).ToList();
        using var model = new SileroVadModel(ModelStore.Default().Require(ModelCatalog.Get("silero-vad")));
        var complete = utterances.Select(u => Turn.Of([u], 0)).ToList();
        var paused = Pauses.SelectMany(pause => utterances.Select((u, i) => Turn.Of([u, utterances[(i + 1) % utterances.Count]], pause))).ToList();

        Console.WriteLine($"{complete.Count} complete turns, {paused.Count} paused turns ({utterances.Count} per pause), 8 kHz μ-law, Silero v6.2");
        Console.WriteLine();
        Console.Write("| policy | dead air p50 ms | dead air p95 ms | complete turns cut | false cut-offs, pauses ≤ 700 ms | ");
        Console.WriteLine(string.Join(" | ", Pauses.Select(p => $"{p} ms")) + " |");
        Console.WriteLine("|---" + string.Concat(Enumerable.Repeat("|---", 4 + Pauses.Length)) + "|");
        foreach (var silence in Silences)
        {
            Report($"silence {silence} ms", new VadOptions { MinSilence = TimeSpan.FromMilliseconds(silence) }, waitsWhenUnfinished: false);
        }
        Report("product: silence 250 ms, 800 ms more after unfinished words", new VadOptions(), waitsWhenUnfinished: true);

        void Report(string policy, VadOptions options, bool waitsWhenUnfinished)
        {
            var deadAir = new List<double>();
            var cut = 0;
            foreach (var turn in complete)
            {
                var ends = turn.Decisions(model, options, waitsWhenUnfinished);
                cut += ends.Any(t => t < turn.End) ? 1 : 0;
                deadAir.Add((ends.First(t => t >= turn.End) - turn.End) * 1000);
            }
            var cutOffs = paused.GroupBy(t => t.Pause)
                .ToDictionary(g => g.Key, g => g.Count(t => t.Decisions(model, options, waitsWhenUnfinished).Any(e => e < t.End)));
            var early = Pauses.Where(p => p <= 700).Sum(p => cutOffs[p]) / (double)paused.Count(t => t.Pause <= 700);
            Console.WriteLine($"| {policy} | {Percentiles.Of(deadAir, 50):0} | {Percentiles.Of(deadAir, 95):0} | " +
                $"{cut}/{complete.Count} | {early:P0} | " + string.Join(" | ", Pauses.Select(p => $"{cutOffs[p]}/{utterances.Count}")) + " |");
        }
    }

    /// <summary>
    /// A caller's turn: its telephone audio, the real end of its last word (s), its mid-turn pause (ms), and each part's
    /// words with where its speech starts and ends (s).
    /// </summary>
    sealed record Turn(AudioClip Audio, double End, int Pause, IReadOnlyList<(string Words, double Start, double End)> Parts)
    {
        /// <summary>
        /// The utterances' speech (from the recording's start to the first's reference end, from the next one's reference
        /// start to its end), <paramref name="pause"/> ms of silence between them, and a silent tail.
        /// </summary>
        public static Turn Of(IReadOnlyList<SpeechRecording> parts, int pause)
        {
            var rate = parts[0].Clip.SampleRate;
            var samples = new List<float>();
            var placed = new List<(string, double, double)>();
            for (var i = 0; i < parts.Count; i++)
            {
                var (start, end) = (parts[i].Speech[0].Start, parts[i].Speech[^1].End);
                var from = i == 0 ? 0 : (int)(start * rate);
                if (i > 0)
                {
                    samples.AddRange(new float[pause * rate / 1000]);
                }
                var at = samples.Count / (double)rate - from / (double)rate;
                samples.AddRange(parts[i].Clip.Samples.AsSpan(from, (int)(end * rate) - from));
                placed.Add((parts[i].Transcript!, at + start, samples.Count / (double)rate));
            }
            var last = samples.Count / (double)rate;
            samples.AddRange(new float[(int)(Tail * rate)]);
            return new Turn(SpeechRecordings.AsTelephone(new AudioClip([.. samples], rate)), last, pause, placed);
        }

        /// <summary>
        /// When the policy ended the turn: each VAD end, except (when it waits after unfinished words) one whose words so
        /// far sound unfinished, which moves by the wait, or goes when the caller speaks again within it.
        /// </summary>
        public List<double> Decisions(SileroVadModel model, VadOptions options, bool waitsWhenUnfinished)
        {
            var decisions = new List<double>();
            foreach (var end in Ends(model, options))
            {
                var words = string.Join(" ", Parts.Where(p => p.End <= end).Select(p => p.Words));
                if (!waitsWhenUnfinished || !TurnEnding.SoundsUnfinished(words))
                {
                    decisions.Add(end);
                }
                else if (!Parts.Any(p => p.Start > end && p.Start <= end + TurnEnding.UnfinishedWait.TotalSeconds))
                {
                    decisions.Add(end + TurnEnding.UnfinishedWait.TotalSeconds);
                }
            }
            return decisions;
        }

        /// <summary>When the policy ended a turn (s from the start), in order: as the VAD decides, block by block.</summary>
        public List<double> Ends(SileroVadModel model, VadOptions options)
        {
            var stream = new VadStream(model, Audio.SampleRate, options);
            var ends = new List<double>();
            var pushed = 0;
            foreach (var block in Audio.Samples.Chunk(Frames.SamplesPerFrame(Audio.SampleRate)))
            {
                pushed += block.Length;
                if (stream.Push(block).OfType<SpeechEnded>().Any())
                {
                    ends.Add(pushed / (double)Audio.SampleRate);
                }
            }
            return ends;
        }
    }
}
