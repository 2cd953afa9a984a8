using System.CommandLine;
using VoiceGrains.Audio;
using VoiceGrains.Contracts.Text;
using VoiceGrains.Conversation;
using VoiceGrains.Speech.Tts;

namespace VoiceGrains.Cli.Speech;

/// <summary><c>voicegrains tts "text" -o out.wav [--voice NAME] [--rate 8000]</c>: speak a reply into a WAV file.</summary>
public static class TtsCommand
{
    static readonly Argument<string> Text = new("text") { Description = "What to say; numbers, prices and order ids are read the way people say them" };

    static readonly Option<string> Output = new("--output", "-o") { Description = "WAV file to write", Required = true };

    static readonly Option<string> Voice = new("--voice") { Description = "espeak-ng voice (espeak-ng --voices lists them)", DefaultValueFactory = _ => "en-us" };

    static readonly Option<int?> Rate = new("--rate") { Description = "Sample rate of the file (8000 writes telephone μ-law); default: the voice's own" };

    public static Command Create()
    {
        var command = new Command("tts", "Synthesize speech with the built-in voice into a WAV file");
        command.Arguments.Add(Text);
        command.Options.Add(Output);
        command.Options.Add(Voice);
        command.Options.Add(Rate);
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
        var engine = new EspeakEngine(parse.GetValue(Voice)!);
        var samples = SentenceSplitter.Split(text).SelectMany(s => engine.Synthesize(SpokenText.Normalize(s), CancellationToken.None)).ToArray();
        var rate = parse.GetValue(Rate) ?? engine.SampleRate;
        if (rate is < 8000 or > 48000)
        {
            throw new ArgumentException($"--rate {rate} is outside 8000–48000 Hz.");
        }
        var clip = new AudioClip(samples, engine.SampleRate).ResampleTo(rate);
        WavFile.Write(parse.GetValue(Output)!, clip, rate == Frames.TelephonyRate ? WavEncoding.MuLaw : WavEncoding.Pcm16);
        Console.WriteLine($"{clip.Duration.TotalSeconds:0.00} s at {rate} Hz written to {parse.GetValue(Output)}");
        return 0;
    }
}
