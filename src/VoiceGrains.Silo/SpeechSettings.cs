using VoiceGrains.Speech.Models;

namespace VoiceGrains.Silo;

/// <summary>Which speech models this silo uses ("Speech" section) and where they are installed ("Models:Directory").</summary>
sealed class SpeechSettings(IConfiguration configuration)
{
    public ModelStore Store { get; } = ModelStore.Default(configuration["Models:Directory"]);

    public ModelEntry Vad { get; } = ModelCatalog.Get(configuration["Speech:Vad:Model"] ?? "silero-vad");

    public ModelEntry Recognizer { get; } = ModelCatalog.Get(configuration["Speech:Whisper:Model"] ?? "whisper-tiny.en");

    /// <summary>Models of these kinds may run calls: never a weightless test stub.</summary>
    public static bool IsUsable(ModelEntry model) => model.Kind is "vad" or "stt";
}
