using System.Text.Json;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Stt;
using Xunit.Abstractions;

namespace VoiceGrains.Speech.Tests;

/// <summary>
/// Whisper plumbing on whisper.cpp's weightless stub (real headers and encoder shapes, no trained weights: it runs
/// the full encoder and returns no words), and accuracy wherever real weights are installed.
/// </summary>
public sealed class WhisperTests(ITestOutputHelper output)
{
    static string StubPath => ModelStore.Default().Require(TestModels.Get("whisper-test-stub.en"));

    static float[] Speech(double seconds) =>
        SharedData.Exists
            ? WavFile.Read(SharedData.PathOf("audio", "jfk.wav")).Samples[..(int)(seconds * WhisperTranscriber.SampleRate)]
            : new float[(int)(seconds * WhisperTranscriber.SampleRate)];

    [ModelFact("whisper-test-stub.en")]
    public async Task TheTestStubLoadsRunsAndReportsItsTimings()
    {
        using var pool = new InferencePool(1);
        await using var whisper = new WhisperTranscriber(StubPath, new WhisperOptions(), pool);

        var result = await whisper.TranscribeAsync(Speech(3), CancellationToken.None);

        Assert.Equal("", result.Text);
        Assert.Equal(TimeSpan.FromSeconds(3), result.AudioDuration);
        Assert.True(result.Inference > TimeSpan.Zero);
        output.WriteLine($"stub encoder over 3 s of audio: {result.Inference.TotalMilliseconds:0} ms");
    }

    [ModelFact("whisper-test-stub.en")]
    public async Task AnUtteranceIsHeardOverAContextFittedToItsLengthUnlessTheWholeWindowIsAskedFor()
    {
        using var pool = new InferencePool(1);
        await using var fitted = new WhisperTranscriber(StubPath, new WhisperOptions(), pool);
        await using var whole = new WhisperTranscriber(StubPath, new WhisperOptions { FitAudioContext = false }, pool);

        var short1 = await fitted.TranscribeAsync(Speech(2), CancellationToken.None);
        var short2 = await fitted.TranscribeAsync(Speech(2), CancellationToken.None);
        var windowed = await whole.TranscribeAsync(Speech(2), CancellationToken.None);

        // 2 s is 100 encoder frames, with the 32-frame margin 132, rounded up to 192; the whole window is 1,500.
        Assert.Equal(192, short1.AudioContext);
        Assert.Equal(192, short2.AudioContext);
        Assert.Equal(AudioContextSize.Full, windowed.AudioContext);
        output.WriteLine($"stub encoder over 2 s: fitted {short2.Inference.TotalMilliseconds:0} ms, whole window {windowed.Inference.TotalMilliseconds:0} ms");
    }

    [Theory]
    [InlineData(0.0, 0, 64)]
    [InlineData(1.0, 32, 128)]
    [InlineData(2.0, 32, 192)]
    [InlineData(5.0, 32, 320)]
    [InlineData(29.0, 32, 1500)]
    [InlineData(40.0, 0, 1500)]
    public void AContextCoversTheUtteranceAndItsMarginInStepsUpToTheWholeWindow(double seconds, int margin, int frames) =>
        Assert.Equal(frames, AudioContextSize.For(TimeSpan.FromSeconds(seconds), margin));

    [Theory]
    [InlineData("order order order order", true)]
    [InlineData("I'd like to I'd like to I'd like to book", true)]
    [InlineData("Where is my order, my order, my order?", true)]
    [InlineData("Where is my order 10002?", false)]
    [InlineData("No, no, no. That's all.", false)]
    [InlineData("yes yes", false)]
    [InlineData("", false)]
    public void ATranscriptThatLoopsIsCaught(string text, bool loops) => Assert.Equal(loops, RepetitionGuard.Loops(text));

    [ModelFact("whisper-test-stub.en")]
    public async Task APromptedTranscriberRuns()
    {
        using var pool = new InferencePool(1);
        await using var whisper = new WhisperTranscriber(StubPath, new WhisperOptions().PromptedWith(["Northwind Home Goods", "Carla Singh"]), pool);

        var result = await whisper.TranscribeAsync(Speech(1), CancellationToken.None);

        Assert.True(result.Inference > TimeSpan.Zero);
    }

    [ModelFact("whisper-test-stub.en")]
    public async Task OnAOneSlotPoolTranscriptionsQueueAndNeverOverlap()
    {
        using var pool = new InferencePool(1);
        await using var whisper = new WhisperTranscriber(StubPath, new WhisperOptions(), pool);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => whisper.TranscribeAsync(Speech(1), CancellationToken.None)));

        var ordered = results.OrderBy(r => r.QueueWait).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            // Each waited at least as long as the one before it waited and ran (a little slack for scheduling).
            Assert.True(ordered[i].QueueWait >= ordered[i - 1].QueueWait + ordered[i - 1].Inference - TimeSpan.FromMilliseconds(50),
                $"job {i} waited {ordered[i].QueueWait.TotalMilliseconds:0} ms; job {i - 1} waited {ordered[i - 1].QueueWait.TotalMilliseconds:0} ms and ran {ordered[i - 1].Inference.TotalMilliseconds:0} ms");
        }
    }

    [ModelFact("whisper-test-stub.en")]
    public async Task ACancelledTranscriptionStopsAndFreesItsSlot()
    {
        using var pool = new InferencePool(1);
        // The whole window: a run long enough (~1.9 s here) that the cancellation surely falls inside it.
        await using var whisper = new WhisperTranscriber(StubPath, new WhisperOptions { FitAudioContext = false }, pool);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => whisper.TranscribeAsync(Speech(10), cancel.Token));
        var next = await whisper.TranscribeAsync(Speech(1), CancellationToken.None);

        Assert.Equal(0, pool.Waiting);
        Assert.Equal("", next.Text);
    }

    [ModelFact("whisper-test-stub.en")]
    public async Task ATranscriptionPastItsTimeoutIsAbandonedWithATimeout()
    {
        using var pool = new InferencePool(1);
        await using var whisper = new WhisperTranscriber(StubPath, new WhisperOptions { Timeout = TimeSpan.FromMilliseconds(20), FitAudioContext = false }, pool);

        await Assert.ThrowsAsync<TimeoutException>(() => whisper.TranscribeAsync(Speech(10), CancellationToken.None));
    }

    [Fact]
    public void AModelThatIsNotInstalledIsNamedWithTheCommandThatInstallsIt()
    {
        var empty = new ModelStore(Directory.CreateTempSubdirectory().FullName);

        var error = Assert.Throws<ModelNotInstalledException>(() => empty.Require(ModelCatalog.Get("whisper-tiny.en")));

        Assert.Contains("voicegrains models fetch whisper-tiny.en", error.Message, StringComparison.Ordinal);
    }

    [InstalledModelFact("whisper-tiny.en")]
    public async Task TinyEnglishTranscribesTheSpeechSetWithFewErrors()
    {
        using var pool = new InferencePool();
        await using var whisper = new WhisperTranscriber(ModelStore.Default().Require(ModelCatalog.Get("whisper-tiny.en")), new WhisperOptions(), pool);
        using var manifest = JsonDocument.Parse(File.ReadAllText(SharedData.PathOf("speech", "manifest.json")));
        int errors = 0, words = 0;
        foreach (var entry in manifest.RootElement.EnumerateArray().Where(e => e.GetProperty("transcript").ValueKind == JsonValueKind.String))
        {
            var clip = WavFile.Read(SharedData.PathOf("speech", entry.GetProperty("file").GetString()!));
            var heard = await whisper.TranscribeAsync(clip.Samples, CancellationToken.None);
            var reference = entry.GetProperty("transcript").GetString()!;
            errors += WordErrors.Count(reference, heard.Text);
            words += WordErrors.Words(reference).Length;
            output.WriteLine($"{reference} | {heard.Text}");
        }

        output.WriteLine($"word error rate {(double)errors / words:P1}");
        Assert.True((double)errors / words <= 0.25, $"word error rate {(double)errors / words:P1}");
    }
}
