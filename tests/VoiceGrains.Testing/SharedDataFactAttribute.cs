using Xunit;

namespace VoiceGrains.Testing;

/// <summary>A fact that needs ../shared/testdata: skipped, with the reason, when that folder is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute() => Skip = SharedData.SkipReason;
}
