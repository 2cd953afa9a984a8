using VoiceGrains.Speech.Models;

namespace VoiceGrains.Testing;

static class ModelSkip
{
    public static string? Reason(string model) =>
        !ModelStore.Default().IsInstalled(TestModels.Get(model)) && !SharedData.Exists
            ? $"model '{model}' is not installed and ../shared (its mirror) is absent; run voicegrains models fetch --catalog tests/models.test.json {model}"
            : null;
}
