using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using VoiceGrains.Audio;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Tts.Piper;

namespace VoiceGrains.Speech.Tests;

/// <summary>The real Piper code path (config, espeak-ng phonemes, ids, ONNX Runtime, audio) on the weightless stub.</summary>
public sealed class PiperVoiceTests : IDisposable
{
    const int Hop = 256;
    const string Sentence = "Your order has shipped, and it should arrive on Friday.";

    readonly PiperStub stub = new();

    public void Dispose() => stub.Dispose();

    static PiperEngine Voice(string? config = null, string? model = null, string? speaker = null, ILogger? logger = null) =>
        new(model ?? PiperStub.Model, config ?? PiperStub.Config, "piper:test-stub", speaker, logger ?? NullLogger.Instance);

    static long Id(string phoneme) => PiperVoiceConfig.Load(PiperStub.Config).PhonemeIds[phoneme][0];

    [ModelFact("piper:test-stub")]
    public void IdsAreStartPadThenEachPhonemeAndPadThenEndAsPiperMakesThem()
    {
        using var voice = Voice();
        var config = PiperVoiceConfig.Load(PiperStub.Config);

        var ids = new PiperPhonemizer(new EspeakEngine(config.EspeakVoice), config).ToIds("Hi.");

        // espeak-ng says "Hi" as h ˈ a ɪ (espeak-ng -q --ipa -v en-us "Hi."); the clause's full stop follows.
        long[] expected = [1, 0, Id("h"), 0, Id("ˈ"), 0, Id("a"), 0, Id("ɪ"), 0, Id("."), 0, 2];
        Assert.Equal(expected, ids.Ids);
        Assert.Empty(ids.Missing);
    }

    [ModelFact("piper:test-stub")]
    public void TheModelSpeaks256SamplesForEveryIdInTheirOrder()
    {
        using var voice = Voice();
        var config = PiperVoiceConfig.Load(PiperStub.Config);
        var ids = new PiperPhonemizer(new EspeakEngine(config.EspeakVoice), config).ToIds(Sentence).Ids;

        var audio = voice.Synthesize(Sentence, CancellationToken.None);

        Assert.Equal(16000, voice.SampleRate);
        Assert.Equal(Hop * ids.Length, audio.Length);
        // The stub's tone in each hop is as loud as its id (peak-scaled like Piper's output): the ids went in as made.
        var peakId = ids.Max();
        for (var i = 0; i < ids.Length; i++)
        {
            var loudest = audio.AsSpan(i * Hop, Hop).ToArray().Max(Math.Abs);
            Assert.Equal((double)ids[i] / peakId, loudest, 2);
        }
    }

    [ModelFact("piper:test-stub")]
    public void PhonemesTheConfigLacksAreSkippedAndLoggedNamingThem()
    {
        var withoutH = stub.ConfigWith(json => json["phoneme_id_map"]!.AsObject().Remove("h"));
        var logger = new FakeLogger();
        using var voice = Voice(withoutH, logger: logger);
        using var complete = Voice();

        var audio = voice.Synthesize("Hi. Hello.", CancellationToken.None);

        Assert.Equal(complete.Synthesize("Hi. Hello.", CancellationToken.None).Length - (2 * 2 * Hop), audio.Length);
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("'h' (U+0068) ×2", warning.Message, StringComparison.Ordinal);
    }

    [ModelFact("piper:test-stub")]
    public async Task SentencesBecomeTelephoneFramesAndACachedPhraseIsNotSynthesizedAgain()
    {
        using var pool = new InferencePool(1);
        using var voice = Voice();
        var counting = new CountingVoice(voice);
        var phrases = new PhraseCache(counting);
        await phrases.WarmAsync(["Thanks for calling.", "Thanks for calling."], pool, default);
        var channel = Channel.CreateUnbounded<SpeechOutput>();

        await new SpeechSynthesizer(counting, pool, phrases).SpeakAsync(Sentences("Thanks for calling.", Sentence), channel.Writer, default);
        channel.Writer.Complete();
        var output = await channel.Reader.ReadAllAsync().ToListAsync();

        Assert.Equal(2, counting.Sentences);                         // once at warm-up, once for the sentence not cached
        var marks = output.OfType<SentenceSpoken>().ToList();
        Assert.Equal(["Thanks for calling.", Sentence], marks.Select(m => m.Text));
        var frames = output.TakeWhile(o => o is SpeechFrame).Cast<SpeechFrame>().ToList();
        Assert.All(frames, f => Assert.Equal(Frames.TelephonyFrameBytes, f.MuLaw.Length));
        // 256 samples at 16 kHz per id are 128 at 8 kHz: the cached phrase's frames hold its ids' audio.
        var config = PiperVoiceConfig.Load(PiperStub.Config);
        var ids = new PiperPhonemizer(new EspeakEngine(config.EspeakVoice), config).ToIds(SpokenText.Normalize("Thanks for calling.")).Ids;
        Assert.Equal((int)Math.Ceiling(Hop / 2.0 * ids.Length / Frames.TelephonyFrameBytes), frames.Count);
    }

    [ModelFact("piper:test-stub")]
    public void ACancelledSentenceStopsWithNoAudio()
    {
        using var voice = Voice();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Empty(voice.Synthesize(Sentence, cancelled.Token));
    }

    [ModelFact("piper:test-stub")]
    public void AConfigOfSeveralSpeakersIsRefusedForAModelWithoutASpeakerInput()
    {
        var twoSpeakers = stub.ConfigWith(json =>
        {
            json["num_speakers"] = 2;
            json["speaker_id_map"] = new System.Text.Json.Nodes.JsonObject { ["ann"] = 0, ["bob"] = 1 };
        });

        var error = Assert.Throws<PiperVoiceException>(() => Voice(twoSpeakers, speaker: "bob"));

        Assert.Contains("says 2 speakers", error.Message, StringComparison.Ordinal);
        Assert.Contains("not this model's", error.Message, StringComparison.Ordinal);
    }

    [ModelFact("piper:test-stub")]
    public void AVoiceOfSeveralSpeakersIsGivenTheChosenSpeakersIdAndAOneSpeakerConfigIsRefusedForIt()
    {
        var model = stub.ModelWithSpeakerInput();
        var twoSpeakers = stub.ConfigWith(json =>
        {
            json["num_speakers"] = 2;
            json["speaker_id_map"] = new System.Text.Json.Nodes.JsonObject { ["ann"] = 0, ["bob"] = 1 };
        });
        using var bob = Voice(twoSpeakers, model, speaker: "bob");
        using var first = Voice(twoSpeakers, model);
        using var oneSpeaker = Voice();

        // The patched model adds the speaker id to its audio: the first speaker (0) sounds as the stub, bob (1) does not.
        Assert.Equal(oneSpeaker.Synthesize("Hi.", CancellationToken.None), first.Synthesize("Hi.", CancellationToken.None));
        var bobs = bob.Synthesize("Hi.", CancellationToken.None);
        Assert.Equal(oneSpeaker.Synthesize("Hi.", CancellationToken.None).Length, bobs.Length);
        Assert.True(bobs.Average() > 0.4, $"mean {bobs.Average():0.00}: bob's id did not reach the model");
        var wrong = Assert.Throws<PiperVoiceException>(() => Voice(model: model));
        Assert.Contains("says one speaker", wrong.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<PiperVoiceException>(() => Voice(twoSpeakers, model, speaker: "cy"));
        Assert.Contains("choose 0–1 or one of ann, bob", unknown.Message, StringComparison.Ordinal);
    }

    [ModelFact("piper:test-stub")]
    public void ASpeakerTheVoiceLacksIsRefusedNamingTheChoices()
    {
        var error = Assert.Throws<PiperVoiceException>(() => Voice(speaker: "bob"));

        Assert.Contains("one speaker", error.Message, StringComparison.Ordinal);
    }

    [ModelFact("piper:test-stub")]
    public void ACorruptModelIsRefusedNamingTheFile()
    {
        var bytes = File.ReadAllBytes(PiperStub.Model);
        var corrupt = stub.Write("corrupt.onnx", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<PiperVoiceException>(() => Voice(model: corrupt));

        Assert.Contains("corrupt.onnx cannot be loaded", error.Message, StringComparison.Ordinal);
    }

    [ModelFact("silero-vad")]
    public void AModelThatIsNotAPiperVoiceIsRefusedNamingItsInputs()
    {
        var silero = Models.ModelStore.Default().Require(Models.ModelCatalog.Get("silero-vad"));

        var error = Assert.Throws<PiperVoiceException>(() => Voice(model: silero));

        Assert.Contains("is not a Piper voice: its inputs are input, state, sr", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("phoneme_type", "\"text\"", "phoneme_type 'text' is not supported")]
    [InlineData("audio", "{}", "audio.sample_rate is missing")]
    [InlineData("espeak", "{}", "espeak.voice is missing")]
    [InlineData("num_symbols", "3", "ids outside 0–2")]
    [InlineData("phoneme_id_map", "{\"_\": [0], \"$\": [2]}", "phoneme_id_map has no '^'")]
    public void AConfigThatCannotDriveAVoiceIsRefusedSayingWhy(string key, string json, string message)
    {
        var config = stub.ConfigWith(c => c[key] = System.Text.Json.Nodes.JsonNode.Parse(json));

        var error = Assert.Throws<PiperVoiceException>(() => PiperVoiceConfig.Load(config));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotJsonIsRefusedAsAConfig()
    {
        var error = Assert.Throws<PiperVoiceException>(() => PiperVoiceConfig.Load(stub.Write("voice.onnx.json", "not json"u8.ToArray())));

        Assert.Contains("is not a voice config", error.Message, StringComparison.Ordinal);
    }

    static async IAsyncEnumerable<string> Sentences(params string[] sentences)
    {
        foreach (var sentence in sentences)
        {
            await Task.Yield();
            yield return sentence;
        }
    }

    /// <summary>The real voice, counting the sentences it is asked to synthesize.</summary>
    sealed class CountingVoice(ITextToSpeechEngine voice) : ITextToSpeechEngine
    {
        public int Sentences { get; private set; }

        public string Name => voice.Name;

        public int SampleRate => voice.SampleRate;

        public float[] Synthesize(string sentence, CancellationToken cancellationToken)
        {
            Sentences++;
            return voice.Synthesize(sentence, cancellationToken);
        }
    }
}
