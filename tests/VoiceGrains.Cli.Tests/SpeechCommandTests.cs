using System.Text.Json;

namespace VoiceGrains.Cli.Tests;

public sealed class SpeechCommandTests
{
    static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        VoiceGrainsCommand.RunAsync(new Dictionary<string, string?>(), TimeSpan.FromSeconds(60), arguments);

    [SharedDataFact]
    public async Task VadPrintsTheSegmentsOfARecordingAsJson()
    {
        var (exitCode, output) = await RunAsync("vad", SharedData.PathOf("audio", "jfk.wav"), "--json");

        Assert.Equal(0, exitCode);
        var segments = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(4, segments.Count);
        Assert.InRange(segments[0].GetProperty("start").GetDouble(), 0.2, 0.45);
        Assert.InRange(segments[3].GetProperty("end").GetDouble(), 10.4, 10.8);
    }

    [ModelFact("silero-vad")]
    public async Task SpeechSynthesizedAsTelephoneAudioIsFoundByVadToTheEndOfTheFile()
    {
        var wav = Path.Combine(Path.GetTempPath(), $"voicegrains-tts-{Guid.NewGuid():N}.wav");
        try
        {
            var (synthesized, synthesisOutput) = await RunAsync("tts", "Your order 10482 shipped. It cost $19.99.", "-o", wav, "--rate", "8000");
            var (exitCode, output) = await RunAsync("vad", wav, "--json");

            Assert.True(synthesized == 0, synthesisOutput);
            Assert.Equal(0, exitCode);
            var segments = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
            Assert.NotEmpty(segments);
            // The reply is speech almost to its last sample: the open segment at the end must be reported too.
            Assert.True(segments[^1].GetProperty("end").GetDouble() > 4.5, output);
        }
        finally
        {
            File.Delete(wav);
        }
    }

    [ModelFact("piper:test-stub")]
    public async Task APiperVoiceSpeaksIntoAFileAtItsOwnRate()
    {
        var wav = Path.Combine(Path.GetTempPath(), $"voicegrains-piper-{Guid.NewGuid():N}.wav");
        try
        {
            var (exitCode, output) = await RunAsync("tts", "Thanks for calling.", "-o", wav, "--voice", "piper:test-stub",
                "--catalog", Path.Combine(RepositoryPaths.Root, "tests", "models.test.json"));

            Assert.True(exitCode == 0, output);
            Assert.Contains("at 16000 Hz", output, StringComparison.Ordinal);
            Assert.Contains("by piper:test-stub", output, StringComparison.Ordinal);
            var clip = Audio.WavFile.Read(wav);
            Assert.Equal(16000, clip.SampleRate);
            Assert.Equal(0, clip.Samples.Length % 256);             // the stub speaks 256 samples for every phoneme id
        }
        finally
        {
            File.Delete(wav);
        }
    }

    [Theory]
    [InlineData("piper:en_US-no-such-voice", "No model is named 'piper:en_US-no-such-voice'")]
    [InlineData("piper:", "names no Piper voice")]
    [InlineData("piper:en_US-lessac-medium/bob", "Run: voicegrains models fetch piper:en_US-lessac-medium")]
    public async Task AVoiceThatCannotSpeakIsRefusedInOneLine(string voice, string message)
    {
        var (exitCode, output) = await RunAsync("tts", "Hello.", "-o", Path.Combine(Path.GetTempPath(), "never-written.wav"), "--voice", voice);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task VadOnAFileThatIsNotAWavSaysSoInOneLine()
    {
        var notWav = Path.GetTempFileName();
        await File.WriteAllTextAsync(notWav, "hello");
        try
        {
            var (exitCode, output) = await RunAsync("vad", notWav);

            Assert.Equal(2, exitCode);
            Assert.Contains("not a readable WAV file", output, StringComparison.Ordinal);
            Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(notWav);
        }
    }

    [Fact]
    public async Task VadOnAMissingFileSaysSo()
    {
        var (exitCode, output) = await RunAsync("vad", "/nonexistent/recording.wav");

        Assert.Equal(2, exitCode);
        Assert.Contains("no such file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsListShowsThePinnedModels()
    {
        var (exitCode, output) = await RunAsync("models", "list");

        Assert.Equal(0, exitCode);
        Assert.Contains("silero-vad", output, StringComparison.Ordinal);
        Assert.Contains("whisper-base.en", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchingAnUnknownModelNamesTheKnownOnes()
    {
        var (exitCode, output) = await RunAsync("models", "fetch", "whisper-huge");

        Assert.Equal(2, exitCode);
        Assert.Contains("No model is named 'whisper-huge'. Known models: silero-vad", output, StringComparison.Ordinal);
    }
}
