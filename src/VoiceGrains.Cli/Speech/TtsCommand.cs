using System.CommandLine;
using Microsoft.Extensions.Logging;
using VoiceGrains.Audio;
using VoiceGrains.Cli.Models;
using VoiceGrains.Contracts.Text;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Tts;

namespace VoiceGrains.Cli.Speech;

/// <summary><c>voicegrains tts "text" -o out.wav [--voice piper:VOICE|espeak-ng:VOICE] [--rate 8000]</c>: speak a reply into a WAV file.</summary>
public static class TtsCommand
{
    static readonly Argument<string> Text = new("text") { Description = "What to say; numbers, prices and order ids are read the way people say them" };

    static readonly Option<string> Output = new("--output", "-o") { Description = "WAV file to write", Required = true };

    static readonly Option<string> Voice = new("--voice")
    {
        Description = "piper:VOICE (installed with 'models fetch piper:VOICE'; piper:VOICE/SPEAKER for one of several) or espeak-ng:VOICE, the built-in voice",
        DefaultValueFactory = _ => VoiceName.BuiltIn.ToString(),
    };

    static readonly Option<int?> Rate = new("--rate") { Description = "Sample rate of the file (8000 writes telephone μ-law); default: the voice's own" };

    public static Command Create()
    {
        var command = new Command("tts", "Synthesize speech with a Piper voice or the built-in voice into a WAV file");
        command.Arguments.Add(Text);
        command.Options.Add(Output);
        command.Options.Add(Voice);
        command.Options.Add(Rate);
        command.Options.Add(CatalogOption.Option);
        command.SetAction(parse => CliErrors.Run(() => Run(parse)));
        return command;
    }

    static int Run(ParseResult parse)
    {
        var text = parse.GetValue(Text)!;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("Nothing to say: the text is empty.");
        }
        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var engine = VoiceLoader.Load(VoiceName.Parse(parse.GetValue(Voice)!), ModelStore.Default(), CatalogOption.Models(parse), logging.CreateLogger("voicegrains"));
        try
        {
            var samples = SentenceSplitter.Split(text).SelectMany(s => engine.Synthesize(SpokenText.Normalize(s), CancellationToken.None)).ToArray();
            var rate = parse.GetValue(Rate) ?? engine.SampleRate;
            if (rate is < 8000 or > 48000)
            {
                throw new ArgumentException($"--rate {rate} is outside 8000–48000 Hz.");
            }
            var clip = new AudioClip(samples, engine.SampleRate).ResampleTo(rate);
            WavFile.Write(parse.GetValue(Output)!, clip, rate == Frames.TelephonyRate ? WavEncoding.MuLaw : WavEncoding.Pcm16);
            Console.WriteLine($"{clip.Duration.TotalSeconds:0.00} s at {rate} Hz written to {parse.GetValue(Output)} by {engine.Name}");
            return 0;
        }
        finally
        {
            (engine as IDisposable)?.Dispose();
        }
    }
}
