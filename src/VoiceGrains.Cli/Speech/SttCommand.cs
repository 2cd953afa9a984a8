using System.CommandLine;
using System.Text.Json;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Stt;

namespace VoiceGrains.Cli.Speech;

/// <summary><c>voicegrains stt FILE.wav [--model NAME] [--language xx] [--json]</c>: a transcript with its timings.</summary>
public static class SttCommand
{
    static readonly Argument<string> File = new("file") { Description = "WAV file: 16-bit PCM, 32-bit float or 8-bit μ-law" };

    static readonly Option<string> Model = new("--model") { Description = "Whisper model name (see 'models list')", DefaultValueFactory = _ => new WhisperOptions().Model };

    static readonly Option<string> Language = new("--language") { Description = "ISO 639-1 code, or 'auto' with a multilingual model", DefaultValueFactory = _ => "en" };

    static readonly Option<bool> Json = new("--json") { Description = "Print the transcript and timings as JSON" };

    static readonly Option<string?> Prompt = new("--prompt") { Description = "Words to expect (product, staff, place names), as Whisper's initial prompt" };

    public static Command Create()
    {
        var command = new Command("stt", "Transcribe a WAV file with Whisper; prints the text and how long it took");
        command.Arguments.Add(File);
        command.Options.Add(Model);
        command.Options.Add(Language);
        command.Options.Add(Json);
        command.Options.Add(Prompt);
        command.Options.Add(Models.CatalogOption.Option);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(() => RunAsync(parse, cancellationToken)));
        return command;
    }

    static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var clip = WavFile.Read(parse.GetValue(File)!).ResampleTo(WhisperTranscriber.SampleRate);
        var model = ModelCatalog.Get(parse.GetValue(Model)!, Models.CatalogOption.Models(parse));
        var path = ModelStore.Default().Require(model);
        using var pool = new InferencePool();
        var options = new WhisperOptions
        {
            Model = model.Name,
            Language = parse.GetValue(Language)!,
            Prompt = parse.GetValue(Prompt),
            Threads = Environment.ProcessorCount,
            Timeout = TimeSpan.FromMinutes(10),
        };
        await using var whisper = new WhisperTranscriber(path, options, pool);
        var result = await whisper.TranscribeAsync(clip.Samples, cancellationToken);

        var realTimeFactor = result.Inference / result.AudioDuration;
        if (parse.GetValue(Json))
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                text = result.Text,
                model = model.Name,
                language = result.Language,
                audioSeconds = Math.Round(result.AudioDuration.TotalSeconds, 3),
                queueMs = Math.Round(result.QueueWait.TotalMilliseconds),
                inferenceMs = Math.Round(result.Inference.TotalMilliseconds),
                realTimeFactor = Math.Round(realTimeFactor, 3),
                segments = result.Segments.Select(s => new { start = s.Start.TotalSeconds, end = s.End.TotalSeconds, text = s.Text.Trim() }),
            }));
        }
        else
        {
            Console.WriteLine(result.Text.Length > 0 ? result.Text : "(no words recognised)");
            Console.WriteLine($"{model.Name}: {result.AudioDuration.TotalSeconds:0.0} s of audio in {result.Inference.TotalMilliseconds:0} ms (real-time factor {realTimeFactor:0.00})");
        }
        if (model.Kind == "stt-test-stub")
        {
            await Console.Error.WriteLineAsync($"note: {model.Name} is a weightless test stub; it never recognises words. Install a real model: voicegrains models fetch whisper-tiny.en");
        }
        return 0;
    }
}
