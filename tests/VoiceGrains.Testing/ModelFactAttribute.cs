using VoiceGrains.Speech.Models;
using Xunit;

namespace VoiceGrains.Testing;

/// <summary>
/// A fact that runs a pinned model (a test stub or Silero). The test command installs it from ../shared/models;
/// it skips, saying so, only where the model is missing and ../shared is absent too. A model missing while the
/// mirror is there is a failure, not a skip.
/// </summary>
public sealed class ModelFactAttribute : FactAttribute
{
    public ModelFactAttribute(string model) => Skip = ModelSkip.Reason(model);
}

/// <summary>The theory form of <see cref="ModelFactAttribute"/>.</summary>
public sealed class ModelTheoryAttribute : TheoryAttribute
{
    public ModelTheoryAttribute(string model) => Skip = ModelSkip.Reason(model);
}

static class ModelSkip
{
    public static string? Reason(string model) =>
        !ModelStore.Default().IsInstalled(ModelCatalog.Get(model)) && !SharedData.Exists
            ? $"model '{model}' is not installed and ../shared (its mirror) is absent; run voicegrains models fetch {model}"
            : null;
}
