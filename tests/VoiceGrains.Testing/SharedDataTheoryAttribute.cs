using Xunit;

namespace VoiceGrains.Testing;

/// <summary>A theory that needs ../shared/testdata: skipped, with the reason, when that folder is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute() => Skip = SharedData.SkipReason;
}
