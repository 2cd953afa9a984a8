using VoiceGrains.Speech.Models;

namespace VoiceGrains.Testing;

static class ModelSkip
{
    public static string? Reason(string model) =>
        !ModelStore.Default().IsInstalled(ModelCatalog.Get(model)) && !SharedData.Exists
            ? $"model '{model}' is not installed and ../shared (its mirror) is absent; run voicegrains models fetch {model}"
            : null;
}
