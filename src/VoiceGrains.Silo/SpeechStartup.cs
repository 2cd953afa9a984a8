using Microsoft.Extensions.Options;
using VoiceGrains.Data;
using VoiceGrains.Data.Knowledge;
using VoiceGrains.Grains.Speech;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Stt;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Silo;

/// <summary>
/// Loads the speech engines before the silo takes calls (registered after the database start-up and before Orleans,
/// so hosted services start in that order): the VAD model, the recognizer — Whisper with the business's own names as
/// its prompt (products, staff, services), unless Speech:Whisper:Prompt is set, or the host's own recognizer — the
/// built-in voice, and the knowledge search's sentence-embedding model (half a second to load here, which would
/// otherwise fall on the first caller's question). It says which models are missing and how to install them; there is
/// no fallback that pretends to transcribe. The silo still starts without them (the rest works), and a call that needs
/// one says it cannot hear.
/// </summary>
sealed partial class SpeechStartup(
    ModelStore store,
    InferencePool pool,
    IOptions<VadOptions> vad,
    IOptions<WhisperOptions> whisper,
    DomainVocabularyRepository vocabulary,
    IEnumerable<ISpeechRecognizer> hostRecognizer,
    ITextEmbedder embedder,
    ILogger<SpeechStartup> logger) : IHostedService
{
    SpeechServices? engines;

    /// <summary>The engines, once started.</summary>
    public SpeechServices Engines => engines ?? throw new InvalidOperationException("The speech engines are loaded when the silo starts.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        engines = new SpeechServices(pool, LoadVad(), hostRecognizer.FirstOrDefault() ?? await LoadWhisperAsync(pool, cancellationToken), LoadVoice())
        {
            VadOptions = vad.Value,
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

    /// <summary>espeak-ng, when libespeak-ng is installed; otherwise no voice, said here.</summary>
    EspeakEngine? LoadVoice()
    {
        try
        {
            return new EspeakEngine();
        }
        catch (InvalidOperationException e)
        {
            Log.NoVoice(logger, e.Message);
            return null;
        }
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

        [LoggerMessage(Level = LogLevel.Error, Message = "No voice: {Reason}")]
        public static partial void NoVoice(ILogger logger, string reason);
    }
}
