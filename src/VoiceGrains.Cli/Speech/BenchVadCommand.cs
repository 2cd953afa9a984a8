using System.CommandLine;
using System.Diagnostics;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Cli.Speech;

/// <summary>
/// <c>voicegrains bench vad FILE.wav</c>: Silero VAD cost per 32 ms window on one thread, what that means in calls
/// per core, and the memory one call's VAD state holds. Figures go to BENCHMARKS.md.
/// </summary>
public static class BenchVadCommand
{
    static readonly Argument<string> File = new("file") { Description = "Speech recording to replay (e.g. ../shared/testdata/audio/jfk.wav)" };

    static readonly Option<int> Repeats = new("--repeats") { Description = "Times the file is replayed", DefaultValueFactory = _ => 20 };

    public static Command Create()
    {
        var command = new Command("vad", "Measure Silero VAD: µs per window on one core, calls per core, state per call");
        command.Arguments.Add(File);
        command.Options.Add(Repeats);
        command.SetAction(parse => CliErrors.Run(() => Run(parse)));
        return command;
    }

    static int Run(ParseResult parse)
    {
        var clip = WavFile.Read(parse.GetValue(File)!);
        using var model = new SileroVadModel(ModelStore.Default().Require(ModelCatalog.Get("silero-vad")));
        Console.WriteLine("| rate | windows | p50 µs/window | p95 µs/window | p99 µs/window | real-time calls per core | state bytes per call |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var rate in new[] { 16000, 8000 })
        {
            var samples = clip.ResampleTo(rate).Samples;
            var windowSize = rate == 16000 ? 512 : 256;
            new VadStream(model, rate).Push(samples);                // warm-up: the first runs pay for allocation and JIT

            var before = GC.GetAllocatedBytesForCurrentThread();
            var stream = new VadStream(model, rate);
            var stateBytes = GC.GetAllocatedBytesForCurrentThread() - before;

            var timings = new List<double>();
            for (var repeat = 0; repeat < parse.GetValue(Repeats); repeat++)
            {
                foreach (var window in samples.Chunk(windowSize))
                {
                    var started = Stopwatch.GetTimestamp();
                    stream.Push(window);
                    timings.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                }
            }
            timings.Sort();
            var p50 = timings[timings.Count / 2];
            var windowMicroseconds = windowSize * 1e6 / rate;
            Console.WriteLine($"| {rate} Hz | {timings.Count} | {p50:0} | {timings[(int)(timings.Count * 0.95)]:0} | {timings[(int)(timings.Count * 0.99)]:0} | {windowMicroseconds / p50:0} | {stateBytes} |");
        }
        return 0;
    }
}
