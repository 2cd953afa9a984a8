using System.Collections.Concurrent;
using Orleans.Runtime;
using VoiceGrains.Simulator;
using VoiceGrains.Speech.Stt;

namespace VoiceGrains.ScriptedSilo;

/// <summary>
/// TEST-ONLY stand-in for Whisper, whose weights cannot reach this workplace: the Nth utterance the real VAD finds in
/// a call is "heard" as the Nth spoken line of the call script the simulator speaks (ScriptedRecognizer:Script), so
/// conversation-level tests run everything else for real. A WAV line is heard as nothing. The call is the
/// recognizer grain asking (Orleans' current grain context), whose key is the call sid.
/// </summary>
public sealed partial class ScriptedCallRecognizerForTests(IReadOnlyList<string> lines, IGrainContextAccessor grains, ILogger logger) : ISpeechRecognizer
{
    public const string ScriptSetting = "ScriptedRecognizer:Script";

    readonly ConcurrentDictionary<string, int> heardPerCall = new(StringComparer.Ordinal);

    public static ScriptedCallRecognizerForTests FromConfiguration(IServiceProvider services)
    {
        var path = services.GetRequiredService<IConfiguration>()[ScriptSetting]
            ?? throw new InvalidOperationException($"The scripted test silo needs {ScriptSetting}: the call script the simulator speaks.");
        var lines = CallScript.Load(path).Utterances.Select(l => l.Kind == ScriptLineKind.Say ? l.Text : "").ToList();
        return new ScriptedCallRecognizerForTests(lines, services.GetRequiredService<IGrainContextAccessor>(),
            services.GetRequiredService<ILogger<ScriptedCallRecognizerForTests>>());
    }

    public Task<Transcription> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        var call = grains.GrainContext?.GrainId.Key.ToString() ?? "";
        var index = heardPerCall.AddOrUpdate(call, 0, (_, n) => n + 1);
        var text = index < lines.Count ? lines[index] : "";
        Log.Heard(logger, call, index, text);
        return Task.FromResult(new Transcription(
            text, [], "en", TimeSpan.FromSeconds((double)samples.Length / WhisperTranscriber.SampleRate), TimeSpan.Zero, TimeSpan.FromMilliseconds(1)));
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Scripted recognizer (test only): call {CallSid} utterance {Index} heard as '{Text}'")]
        public static partial void Heard(ILogger logger, string callSid, int index, string text);
    }
}
