using Microsoft.Extensions.Logging;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Tts.Piper;

namespace VoiceGrains.Speech.Tts;

/// <summary>Loads a named voice: a Piper voice from the model folder (model and config, checked together), or espeak-ng.</summary>
public static class VoiceLoader
{
    /// <exception cref="ModelNotInstalledException">A Piper voice, or its config, is not installed.</exception>
    /// <exception cref="PiperVoiceException">The Piper voice cannot speak as configured.</exception>
    /// <exception cref="UnknownModelException">No Piper voice of that name is pinned.</exception>
    /// <exception cref="InvalidOperationException">libespeak-ng (the phonemizer and the built-in voice) is missing.</exception>
    public static ITextToSpeechEngine Load(VoiceName voice, ModelStore store, IReadOnlyList<ModelEntry> catalog, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(store);
        if (!voice.IsPiper)
        {
            return new EspeakEngine(voice.Voice);
        }
        var model = ModelCatalog.Get(voice.ModelName, catalog);
        var config = model.With.Select(name => ModelCatalog.Get(name, catalog)).Single(m => m.Kind == "tts-config");
        return new PiperEngine(store.Require(model), store.Require(config), voice.ToString(), voice.Speaker, logger);
    }
}
