using System.CommandLine;
using System.Diagnostics;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Stt;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Cli.Speech;

/// <summary>
/// <c>voicegrains bench speech FILE.wav</c>: Silero VAD cost per 32 ms window on one thread, what that means in
/// calls per core, and the memory one call's VAD state holds; then the inference time of every installed Whisper
/// model on the file's first 1, 2, 3 and 5 s and on the whole file, over a context fitted to the audio and over the
/// whole 30 s window (median of 5 after a warm-up; a test stub measures the encoder only); then, for the built-in voice
/// and every Piper voice installed (a test stub measures the code path only), the first-frame latency for a 10-word
/// sentence, its real-time factor, and the first frame of a phrase from the voice's phrase cache. Figures go to
/// BENCHMARKS.md.
/// </summary>
public static class BenchSpeechCommand
{
    static readonly Argument<string> File = new("file") { Description = "Speech recording to replay (e.g. ../shared/testdata/audio/jfk.wav)" };

    /// <summary>Utterance lengths (s) the STT bench cuts from the file's start, besides the whole file.</summary>
    static readonly double[] SttLengths = [1.0, 2.0, 3.0, 5.0];

    static readonly Option<int> Repeats = new("--repeats") { Description = "Times the file is replayed", DefaultValueFactory = _ => 20 };

    public static Command Create()
    {
        var command = new Command("speech", "Measure the speech engines: VAD µs per window and state per call, STT real-time factor");
        command.Arguments.Add(File);
        command.Options.Add(Repeats);
        command.Options.Add(Models.CatalogOption.Option);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var clip = WavFile.Read(parse.GetValue(File)!);
            BenchVad(clip, parse.GetValue(Repeats));
            await BenchSttAsync(clip, Models.CatalogOption.Models(parse), cancellationToken);
            await BenchTtsAsync(Models.CatalogOption.Models(parse), parse.GetValue(Repeats), cancellationToken);
            return 0;
        }));
        return command;
    }

    static void BenchVad(AudioClip clip, int repeats)
    {
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
            for (var repeat = 0; repeat < repeats; repeat++)
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
    }

    static async Task BenchSttAsync(AudioClip clip, IReadOnlyList<ModelEntry> catalog, CancellationToken cancellationToken)
    {
        const int runs = 5;
        var store = ModelStore.Default();
        var installed = catalog.Where(m => m.Kind.StartsWith("stt", StringComparison.Ordinal) && store.IsInstalled(m)).ToList();
        Console.WriteLine();
        Console.WriteLine($"| Whisper model ({Environment.ProcessorCount} threads, median of {runs}) | audio s | fitted context (frames) | fitted ms | whole window ms |");
        Console.WriteLine("|---|---|---|---|---|");
        var samples = clip.ResampleTo(WhisperTranscriber.SampleRate).Samples;
        var lengths = SttLengths.Where(s => s * WhisperTranscriber.SampleRate < samples.Length)
            .Select(s => (int)(s * WhisperTranscriber.SampleRate)).Append(samples.Length);
        using var pool = new InferencePool(1);
        foreach (var model in installed)
        {
            var options = new WhisperOptions { Model = model.Name, Threads = Environment.ProcessorCount, Timeout = TimeSpan.FromMinutes(10) };
            await using var fitted = new WhisperTranscriber(store.PathOf(model), options, pool);
            await using var whole = new WhisperTranscriber(store.PathOf(model), options with { FitAudioContext = false }, pool);
            var label = model.Kind == "stt-test-stub" ? $"{model.Name} (weightless stub: encoder cost only)" : model.Name;
            foreach (var length in lengths)
            {
                var audio = samples.AsMemory(0, length);
                var (context, fittedMs) = await MedianAsync(fitted, audio, runs, cancellationToken);
                var (_, wholeMs) = await MedianAsync(whole, audio, runs, cancellationToken);
                Console.WriteLine($"| {label} | {(double)length / WhisperTranscriber.SampleRate:0.0} | {context} | {fittedMs:0} | {wholeMs:0} |");
            }
        }
        if (installed.Count == 0)
        {
            Console.WriteLine("| no Whisper model installed (voicegrains models fetch whisper-tiny.en) | | | | |");
        }
    }

    /// <summary>The context used and the median inference time of <paramref name="runs"/> transcriptions, after a warm-up.</summary>
    static async Task<(int Context, double Milliseconds)> MedianAsync(WhisperTranscriber whisper, ReadOnlyMemory<float> audio, int runs, CancellationToken cancellationToken)
    {
        var context = (await whisper.TranscribeAsync(audio, cancellationToken)).AudioContext;
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            times.Add((await whisper.TranscribeAsync(audio, cancellationToken)).Inference.TotalMilliseconds);
        }
        times.Sort();
        return (context, times[runs / 2]);
    }

    static async Task BenchTtsAsync(IReadOnlyList<ModelEntry> catalog, int repeats, CancellationToken cancellationToken)
    {
        const string sentence = "Your order has shipped and should arrive on Friday afternoon.";   // 10 words
        const string phrase = "Thanks for calling. How can I help you today?";
        var store = ModelStore.Default();
        var voices = catalog.Where(m => m.Kind.StartsWith("tts", StringComparison.Ordinal) && m.Kind != "tts-config" && store.IsInstalled(m))
            .Select(m => (Name: VoiceName.Parse(m.Name), Stub: m.Kind == "tts-test-stub"))
            .Prepend((VoiceName.BuiltIn, false));
        Console.WriteLine();
        Console.WriteLine($"| voice ({repeats} runs, 10-word sentence to 8 kHz μ-law frames) | p50 first frame ms | p95 first frame ms | p50 real-time factor | p95 real-time factor | cached phrase p50 first frame ms |");
        Console.WriteLine("|---|---|---|---|---|---|");
        using var logging = Microsoft.Extensions.Logging.LoggerFactory.Create(_ => { });
        using var pool = new InferencePool();
        foreach (var (name, stub) in voices)
        {
            var engine = VoiceLoader.Load(name, store, catalog, logging.CreateLogger("bench"));
            try
            {
                var phrases = new PhraseCache(engine);
                await phrases.WarmAsync([phrase], pool, cancellationToken);
                var (firstFrame, realTime) = await SpeakAsync(new SpeechSynthesizer(engine, pool), sentence, repeats, cancellationToken);
                var (cachedFrame, _) = await SpeakAsync(new SpeechSynthesizer(engine, pool, phrases), phrase, repeats, cancellationToken);
                var label = stub ? $"{engine.Name} (weightless stub: code path only, no voice)" : engine.Name;
                Console.WriteLine($"| {label} | {firstFrame[firstFrame.Count / 2]:0} | {firstFrame[(int)(firstFrame.Count * 0.95)]:0} | " +
                    $"{realTime[realTime.Count / 2]:0.000} | {realTime[(int)(realTime.Count * 0.95)]:0.000} | {cachedFrame[cachedFrame.Count / 2]:0.0} |");
            }
            finally
            {
                (engine as IDisposable)?.Dispose();
            }
        }
    }

    /// <summary>Sorted first-frame latencies (ms) and real-time factors of <paramref name="repeats"/> runs, after a warm-up.</summary>
    static async Task<(List<double> FirstFrame, List<double> RealTime)> SpeakAsync(SpeechSynthesizer synthesizer, string sentence, int repeats, CancellationToken cancellationToken)
    {
        var firstFrame = new List<double>();
        var realTime = new List<double>();
        for (var repeat = 0; repeat <= repeats; repeat++)
        {
            var channel = System.Threading.Channels.Channel.CreateUnbounded<SpeechOutput>();
            var started = Stopwatch.GetTimestamp();
            var speaking = synthesizer.SpeakAsync(One(sentence), channel.Writer, cancellationToken);
            await channel.Reader.ReadAsync(cancellationToken);
            var first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await speaking;
            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            channel.Writer.Complete();
            var frames = 1 + await channel.Reader.ReadAllAsync(cancellationToken).CountAsync(o => o is SpeechFrame, cancellationToken);
            if (repeat > 0)                                              // the first run is a warm-up
            {
                firstFrame.Add(first);
                realTime.Add(total / (frames * (double)Frames.Milliseconds));
            }
        }
        firstFrame.Sort();
        realTime.Sort();
        return (firstFrame, realTime);
    }

    static async IAsyncEnumerable<string> One(string sentence)
    {
        await Task.Yield();
        yield return sentence;
    }
}
