using System.CommandLine;
using System.Text.Json;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Cli.Speech;

/// <summary><c>voicegrains vad FILE.wav [--json]</c>: the speech segments Silero VAD finds in a recording.</summary>
public static class VadCommand
{
    static readonly Argument<string> File = new("file") { Description = "WAV file: 16-bit PCM, 32-bit float or 8-bit μ-law" };

    static readonly Option<bool> Json = new("--json") { Description = "Print the segments as JSON" };

    static readonly Option<string> Model = new("--model") { Description = "VAD model name", DefaultValueFactory = _ => "silero-vad" };

    public static Command Create()
    {
        var command = new Command("vad", "Find speech segments (start, end, mean probability) in a WAV file");
        command.Arguments.Add(File);
        command.Options.Add(Json);
        command.Options.Add(Model);
        command.SetAction(parse => CliErrors.Run(() => Run(parse)));
        return command;
    }

    static int Run(ParseResult parse)
    {
        var clip = WavFile.Read(parse.GetValue(File)!);
        var rate = clip.SampleRate <= 8000 ? 8000 : 16000;
        using var model = new SileroVadModel(ModelStore.Default().Require(ModelCatalog.Get(parse.GetValue(Model)!)));
        var segments = VadStream.FindSegments(model, clip.ResampleTo(rate));

        if (parse.GetValue(Json))
        {
            Console.WriteLine(JsonSerializer.Serialize(segments.Select(s => new
            {
                start = Math.Round(s.Start.TotalSeconds, 3),
                end = Math.Round(s.End.TotalSeconds, 3),
                meanProbability = Math.Round(s.MeanProbability, 3),
            })));
        }
        else
        {
            foreach (var segment in segments)
            {
                Console.WriteLine($"{segment.Start.TotalSeconds,8:0.000} {segment.End.TotalSeconds,8:0.000}  p={segment.MeanProbability:0.00}");
            }
        }
        return 0;
    }
}
