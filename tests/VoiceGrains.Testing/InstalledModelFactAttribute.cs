using VoiceGrains.Speech.Models;
using Xunit;

namespace VoiceGrains.Testing;

/// <summary>
/// A fact that needs real model weights (an accuracy test): skipped, saying which model is missing, where they
/// are not installed. Plumbing never hides behind this: it is tested with the installed test stubs.
/// </summary>
public sealed class InstalledModelFactAttribute : FactAttribute
{
    public InstalledModelFactAttribute(string model)
    {
        if (!ModelStore.Default().IsInstalled(TestModels.Get(model)))
        {
            Skip = $"model '{model}' is not installed (voicegrains models fetch {model}); its weights cannot be brought into this workplace";
        }
        else if (!SharedData.Exists)
        {
            Skip = SharedData.AbsentReason;
        }
    }
}
