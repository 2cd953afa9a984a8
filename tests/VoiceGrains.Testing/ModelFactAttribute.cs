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
