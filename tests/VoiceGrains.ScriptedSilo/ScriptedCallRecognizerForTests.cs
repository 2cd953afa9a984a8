using System.Collections.Concurrent;
using Orleans.Runtime;
using VoiceGrains.Simulator;
using Microsoft.Extensions.Options;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Stt;

namespace VoiceGrains.ScriptedSilo;

/// <summary>
/// TEST-ONLY stand-in for Whisper, whose weights cannot reach this workplace: the Nth utterance the real VAD finds in
/// a call is "heard" as the Nth spoken line of the call script the simulator speaks, so conversation-level tests run
/// everything else for real. The script is <c>{ScriptedRecognizer:Scripts}/{callSid}.txt</c> when a test wrote one
/// for its call, else <c>ScriptedRecognizer:Script</c>. A WAV line is heard as nothing. The call is the recognizer
/// grain asking (Orleans' current grain context), whose key is the call sid. It counts utterances, so a line the VAD
/// cuts in two (a pause between sentences longer than Speech:Vad:MinSilence) puts every later line out of step.
/// Before it answers, each utterance is transcribed for real by whisper.cpp's weightless stub (tiny's encoder shapes,
/// no words) through the product's <see cref="WhisperTranscriber"/>, on the silo's inference pool with the silo's
/// Whisper settings (the fitted audio context among them): every test and benchmark pays recognition's real compute
/// cost and queueing, and the times stored with each turn are those. Only a benchmark comparing with and without it
/// turns it off (<c>ScriptedRecognizer:RunWhisperStub=false</c>).
/// </summary>
public sealed partial class ScriptedCallRecognizerForTests(
    string? defaultScript, string? scriptsFolder, WhisperTranscriber? whisper, IGrainContextAccessor grains, ILogger logger)
    : ISpeechRecognizer
{
    /// <summary>The tests' model catalog (tests/models.test.json, copied beside this host), where the stub is pinned.</summary>
    const string StubModel = "whisper-test-stub.en";

    readonly ConcurrentDictionary<string, int> heardPerCall = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, IReadOnlyList<string>> scripts = new(StringComparer.Ordinal);

    public static ScriptedCallRecognizerForTests FromConfiguration(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var script = configuration["ScriptedRecognizer:Script"];
        var folder = configuration["ScriptedRecognizer:Scripts"];
        if (script is null && folder is null)
        {
            throw new InvalidOperationException("The scripted test silo needs ScriptedRecognizer:Script or ScriptedRecognizer:Scripts: the call scripts the simulator speaks.");
        }
        var whisper = configuration.GetValue("ScriptedRecognizer:RunWhisperStub", defaultValue: true) ? StubWhisper(services) : null;
        return new ScriptedCallRecognizerForTests(script, folder, whisper, services.GetRequiredService<IGrainContextAccessor>(),
            services.GetRequiredService<ILogger<ScriptedCallRecognizerForTests>>());
    }

    /// <summary>The product's transcriber over the stub, on the silo's pool with the silo's Whisper settings.</summary>
    static WhisperTranscriber StubWhisper(IServiceProvider services)
    {
        var store = services.GetRequiredService<ModelStore>();
        var stub = ModelCatalog.Get(StubModel, ModelCatalog.With(Path.Combine(AppContext.BaseDirectory, "models.test.json")));
        if (!store.IsInstalled(stub))
        {
            throw new InvalidOperationException(
                $"The scripted test silo runs the Whisper stub on every utterance, and it is not installed in {store.Directory}. " +
                $"Run: voicegrains models fetch --catalog tests/models.test.json {StubModel}");
        }
        return new WhisperTranscriber(store.PathOf(stub), services.GetRequiredService<IOptions<WhisperOptions>>().Value,
            services.GetRequiredService<InferencePool>());
    }

    public async Task<Transcription> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        var call = grains.GrainContext?.GrainId.Key.ToString() ?? "";
        var lines = scripts.GetOrAdd(call, Load);
        // Counted before the transcription, so utterances keep their order however long each takes.
        var index = heardPerCall.AddOrUpdate(call, 0, (_, n) => n + 1);
        var heard = whisper is null
            ? new Transcription("", [], "en", TimeSpan.FromSeconds((double)samples.Length / WhisperTranscriber.SampleRate), TimeSpan.Zero, TimeSpan.FromMilliseconds(1))
            : await whisper.TranscribeAsync(samples, cancellationToken);
        var text = index < lines.Count ? lines[index] : "";
        Log.Heard(logger, call, index, text, heard.Inference.TotalMilliseconds);
        return heard with { Text = text, Segments = [] };
    }

    IReadOnlyList<string> Load(string callSid)
    {
        var own = scriptsFolder is null ? null : Path.Combine(scriptsFolder, callSid + ".txt");
        var path = own is not null && File.Exists(own) ? own : defaultScript;
        return path is null ? [] : CallScript.Load(path).Utterances.Select(l => l.Kind == ScriptLineKind.Say ? l.Text : "").ToList();
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Scripted recognizer (test only): call {CallSid} utterance {Index} heard as '{Text}' (Whisper stub {InferenceMs:0} ms)")]
        public static partial void Heard(ILogger logger, string callSid, int index, string text, double inferenceMs);
    }
}
