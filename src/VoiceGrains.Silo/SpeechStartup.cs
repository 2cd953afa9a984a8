using Microsoft.Extensions.Options;
using VoiceGrains.Data;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Knowledge;
using VoiceGrains.Grains.Speech;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Stt;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Tts.Piper;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Silo;

/// <summary>
/// Loads the speech engines before the silo takes calls (registered after the database start-up and before Orleans,
/// so hosted services start in that order): the VAD model, the recognizer — Whisper with the business's own names as
/// its prompt (products, staff, services), unless Speech:Whisper:Prompt is set, or the host's own recognizer — the
/// voice (Speech:Voice; espeak-ng when a Piper voice is not installed or cannot load, with the reason logged) with its
/// audio of the call's fixed phrases (the greeting with the business's name, prompts, goodbyes), and the knowledge
/// search's sentence-embedding model (half a second to load here, which would
/// otherwise fall on the first caller's question). It says which models are missing and how to install them; there is
/// no fallback that pretends to transcribe. The silo still starts without them (the rest works), and a call that needs
/// one says it cannot hear.
/// </summary>
sealed partial class SpeechStartup(
    ModelStore store,
    InferencePool pool,
    IOptions<VadOptions> vad,
    IOptions<WhisperOptions> whisper,
    IOptions<SpeechOptions> speech,
    DomainVocabularyRepository vocabulary,
    BusinessRepository business,
    IEnumerable<ISpeechRecognizer> hostRecognizer,
    ITextEmbedder embedder,
    ILogger<SpeechStartup> logger) : IHostedService
{
    SpeechServices? engines;

    /// <summary>The engines, once started.</summary>
    public SpeechServices Engines => engines ?? throw new InvalidOperationException("The speech engines are loaded when the silo starts.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var voice = LoadVoice();
        engines = new SpeechServices(pool, LoadVad(), hostRecognizer.FirstOrDefault() ?? await LoadWhisperAsync(pool, cancellationToken), voice)
        {
            VadOptions = vad.Value,
            Phrases = voice is null ? null : await WarmPhrasesAsync(voice, cancellationToken),
        };
        await embedder.EmbedAsync(["Loads the model."], cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    SileroVadModel? LoadVad() =>
        Installed(ModelCatalog.Get(vad.Value.Model)) is { } path ? new SileroVadModel(path) : null;

    async Task<ISpeechRecognizer?> LoadWhisperAsync(InferencePool pool, CancellationToken cancellationToken)
    {
        if (Installed(ModelCatalog.Get(whisper.Value.Model)) is not { } path)
        {
            return null;
        }
        var options = whisper.Value.PromptedWith(await vocabulary.GetNamesAsync(cancellationToken));
        Log.Prompted(logger, options.Model, options.Prompt!.Length);
        return new WhisperTranscriber(path, options, pool);
    }

    /// <summary>
    /// The configured voice; espeak-ng instead when a Piper voice is missing or cannot load; no voice, said here, when
    /// libespeak-ng (also Piper's phonemizer) is not installed.
    /// </summary>
    ITextToSpeechEngine? LoadVoice()
    {
        var configured = VoiceName.Parse(speech.Value.Voice);
        try
        {
            return LoadVoiceOrNone(configured);
        }
        catch (Exception e) when (configured.IsPiper && e is ModelNotInstalledException or PiperVoiceException)
        {
            Log.BuiltInVoiceInstead(logger, speech.Value.Voice, e.Message);
            return LoadVoiceOrNone(VoiceName.BuiltIn);
        }
    }

    ITextToSpeechEngine? LoadVoiceOrNone(VoiceName name)
    {
        try
        {
            var voice = VoiceLoader.Load(name, store, ModelCatalog.All, logger);
            Log.Voice(logger, voice.Name, voice.SampleRate);
            return voice;
        }
        catch (InvalidOperationException e)
        {
            Log.NoVoice(logger, e.Message);
            return null;
        }
    }

    async Task<PhraseCache> WarmPhrasesAsync(ITextToSpeechEngine voice, CancellationToken cancellationToken)
    {
        var phrases = new PhraseCache(voice);
        if (await business.GetCalendarAsync(cancellationToken) is { } calendar)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await phrases.WarmAsync(FixedPhrases.Of(calendar.Name), pool, cancellationToken);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            Log.PhrasesWarmed(logger, phrases.Count, voice.Name, elapsed.TotalMilliseconds);
        }
        return phrases;
    }

    string? Installed(ModelEntry model)
    {
        if (store.IsInstalled(model))
        {
            var path = store.PathOf(model);
            Log.Installed(logger, model.Name, path);
            return path;
        }
        Log.Missing(logger, model.Name, model.Kind, store.Directory, model.Name);
        return null;
    }

    static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Speech model {Model} is installed at {Path}")]
        public static partial void Installed(ILogger logger, string model, string path);

        [LoggerMessage(Level = LogLevel.Error, Message = "Speech model {Model} ({Kind}) is not installed in {Directory}: calls cannot use it until it is. Run: voicegrains models fetch {Fetch}")]
        public static partial void Missing(ILogger logger, string model, string kind, string directory, string fetch);

        [LoggerMessage(Level = LogLevel.Information, Message = "Whisper {Model} is prompted with the business's names ({Characters} characters)")]
        public static partial void Prompted(ILogger logger, string model, int characters);

        [LoggerMessage(Level = LogLevel.Information, Message = "The agent speaks with {Voice} ({SampleRate} Hz)")]
        public static partial void Voice(ILogger logger, string voice, int sampleRate);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Speech:Voice {Voice} cannot speak, so the built-in espeak-ng voice does: {Reason}")]
        public static partial void BuiltInVoiceInstead(ILogger logger, string voice, string reason);

        [LoggerMessage(Level = LogLevel.Information, Message = "{Count} fixed phrases synthesized with {Voice} in {Milliseconds:0} ms")]
        public static partial void PhrasesWarmed(ILogger logger, int count, string voice, double milliseconds);

        [LoggerMessage(Level = LogLevel.Error, Message = "No voice: {Reason}")]
        public static partial void NoVoice(ILogger logger, string reason);
    }
}
