using System.Collections.Concurrent;
using Orleans.Runtime;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Stt;

namespace VoiceGrains.ScriptedSilo;

/// <summary>
/// TEST-ONLY stand-in for Whisper, whose weights cannot reach this workplace: the Nth utterance the real VAD finds in
/// a call is "heard" as the Nth spoken line of the call script the simulator speaks, so conversation-level tests run
/// everything else for real. The script is <c>{ScriptedRecognizer:Scripts}/{callSid}.txt</c> when a test wrote one
/// for its call, else <c>ScriptedRecognizer:Script</c>. A WAV line is heard as nothing. The call is the recognizer
/// grain asking (Orleans' current grain context), whose key is the call sid. It counts utterances, so a line the VAD
/// cuts in two (a pause between sentences longer than Speech:Vad:MinSilence) puts every later line out of step.
/// </summary>
public sealed partial class ScriptedCallRecognizerForTests(string? defaultScript, string? scriptsFolder, IGrainContextAccessor grains, ILogger logger)
    : ISpeechRecognizer
{
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
        return new ScriptedCallRecognizerForTests(script, folder, services.GetRequiredService<IGrainContextAccessor>(),
            services.GetRequiredService<ILogger<ScriptedCallRecognizerForTests>>());
    }

    public Task<Transcription> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        var call = grains.GrainContext?.GrainId.Key.ToString() ?? "";
        var lines = scripts.GetOrAdd(call, Load);
        var index = heardPerCall.AddOrUpdate(call, 0, (_, n) => n + 1);
        var text = index < lines.Count ? lines[index] : "";
        Log.Heard(logger, call, index, text);
        return Task.FromResult(new Transcription(
            text, [], "en", TimeSpan.FromSeconds((double)samples.Length / WhisperTranscriber.SampleRate), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
    }

    IReadOnlyList<string> Load(string callSid)
    {
        var own = scriptsFolder is null ? null : Path.Combine(scriptsFolder, callSid + ".txt");
        var path = own is not null && File.Exists(own) ? own : defaultScript;
        return path is null ? [] : CallScript.Load(path).Utterances.Select(l => l.Kind == ScriptLineKind.Say ? l.Text : "").ToList();
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Scripted recognizer (test only): call {CallSid} utterance {Index} heard as '{Text}'")]
        public static partial void Heard(ILogger logger, string callSid, int index, string text);
    }
}
