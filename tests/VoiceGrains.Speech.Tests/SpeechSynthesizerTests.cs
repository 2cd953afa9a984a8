using System.Threading.Channels;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Tts;
using Xunit.Abstractions;

namespace VoiceGrains.Speech.Tests;

public sealed class SpeechSynthesizerTests(SileroFixture silero, ITestOutputHelper output) : IClassFixture<SileroFixture>
{
    static async IAsyncEnumerable<string> Sentences(params string[] sentences)
    {
        foreach (var sentence in sentences)
        {
            await Task.Yield();
            yield return sentence;
        }
    }

    [ModelFact("silero-vad")]
    public void TheBuiltInVoiceIsHeardAsSpeechForMostOfItsDuration()
    {
        var engine = new EspeakEngine();
        var audio = engine.Synthesize(SpokenText.Normalize("Your order 10482 shipped yesterday and should arrive on Friday afternoon."), CancellationToken.None);

        var clip = new AudioClip(audio, engine.SampleRate).ResampleTo(16000);
        var voiced = VoicedExtent(clip);
        var speech = Segments.Detect(silero.Model, clip).Sum(s => Math.Min(s.End, voiced.End) - Math.Max(s.Start, voiced.Start));

        output.WriteLine($"{speech:0.00} s of speech in {voiced.End - voiced.Start:0.00} s of voice");
        Assert.True(speech / (voiced.End - voiced.Start) >= 0.8, $"{speech / (voiced.End - voiced.Start):P0} detected as speech");
    }

    [Fact]
    public async Task EverySentenceIsSpokenInOrderAsWholeTelephoneFrames()
    {
        using var pool = new InferencePool();
        var synthesizer = new SpeechSynthesizer(new EspeakEngine(), pool);
        var channel = Channel.CreateUnbounded<SpeechOutput>();

        await synthesizer.SpeakAsync(Sentences("Hello, this is Northwind.", "Your order shipped.", "Goodbye!"), channel.Writer, CancellationToken.None);
        channel.Writer.Complete();
        var emitted = await channel.Reader.ReadAllAsync().ToListAsync();

        var marks = emitted.OfType<SentenceSpoken>().ToList();
        Assert.Equal([0, 1, 2], marks.Select(m => m.Index));
        Assert.Equal(["Hello, this is Northwind.", "Your order shipped.", "Goodbye!"], marks.Select(m => m.Text));
        Assert.All(emitted.OfType<SpeechFrame>(), f => Assert.Equal(Frames.TelephonyFrameBytes, f.MuLaw.Length));
        Assert.IsType<SpeechFrame>(emitted[0]);
        Assert.True(emitted.IndexOf(marks[0]) > 10 && emitted.IndexOf(marks[1]) - emitted.IndexOf(marks[0]) > 10);
    }

    [Fact]
    public async Task CancellingMidSentenceStopsTheAudioAtTheNextFrame()
    {
        using var pool = new InferencePool();
        var synthesizer = new SpeechSynthesizer(new EspeakEngine(), pool);
        var channel = Channel.CreateBounded<SpeechOutput>(1);
        using var bargeIn = new CancellationTokenSource();

        var speaking = synthesizer.SpeakAsync(Sentences("This is a long sentence that the caller is about to interrupt rather rudely."), channel.Writer, bargeIn.Token);
        var first = await channel.Reader.ReadAsync();
        bargeIn.Cancel();
        var after = 0;
        while (channel.Reader.TryRead(out var more) && more is SpeechFrame)
        {
            after++;
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => speaking);
        Assert.IsType<SpeechFrame>(first);
        // What can still be read: the frame the channel held at the cancel, and one whose write had begun as the cancel
        // came (the channel checks the token before it takes its lock; a CI run read 2). A
        // synthesizer that missed the cancel would go on for the rest of the sentence (about 200 frames).
        Assert.True(after <= 2, $"{after} frames after the cancel");
    }

    [Fact]
    public void ThePhonemizerGivesIpa()
    {
        var ipa = new EspeakEngine().ToIpa("hello world");

        Assert.Contains("ˈ", ipa, StringComparison.Ordinal);     // IPA primary stress mark
        Assert.StartsWith("h", ipa, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownVoiceIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new EspeakEngine("xx-nonexistent"));
        Assert.Contains("xx-nonexistent", error.Message, StringComparison.Ordinal);
    }

    static (double Start, double End) VoicedExtent(AudioClip clip)
    {
        var threshold = MathF.Pow(10, -50 / 20f);
        var first = Array.FindIndex(clip.Samples, s => MathF.Abs(s) > threshold);
        var last = Array.FindLastIndex(clip.Samples, s => MathF.Abs(s) > threshold);
        return ((double)first / clip.SampleRate, (double)last / clip.SampleRate);
    }
}
