using System.Collections.Concurrent;
using VoiceGrains.Speech.Stt;

namespace VoiceGrains.Grains.Tests;

/// <summary>
/// TEST-ONLY stand-in for Whisper, whose weights cannot reach this workplace: returns the next scripted line for
/// each utterance the real VAD finds. It lives in this test project alone and is registered only by the test
/// silo; production configuration can only choose Whisper models.
/// </summary>
public sealed class ScriptedRecognizerForTests : ISpeechRecognizer
{
    readonly ConcurrentQueue<string> lines = new();
    int utterances;

    /// <summary>Utterances handed to this recognizer so far.</summary>
    public int Utterances => Volatile.Read(ref utterances);

    public void Script(params string[] next)
    {
        foreach (var line in next)
        {
            lines.Enqueue(line);
        }
    }

    public Task<Transcription> TranscribeAsync(ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref utterances);
        return Task.FromResult(new Transcription(
            lines.TryDequeue(out var line) ? line : "",
            [],
            "en",
            TimeSpan.FromSeconds((double)samples.Length / WhisperTranscriber.SampleRate),
            TimeSpan.Zero,
            TimeSpan.FromMilliseconds(1)));
    }
}
