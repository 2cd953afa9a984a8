using Xunit;

namespace VoiceGrains.Testing;

/// <summary>The theory form of <see cref="ModelFactAttribute"/>.</summary>
public sealed class ModelTheoryAttribute : TheoryAttribute
{
    public ModelTheoryAttribute(string model) => Skip = ModelSkip.Reason(model);
}
