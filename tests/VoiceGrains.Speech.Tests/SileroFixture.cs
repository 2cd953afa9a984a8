using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Speech.Tests;

/// <summary>The real Silero v6.2 model, installed by `voicegrains models fetch` (scripts/test.sh does it), loaded once.</summary>
public sealed class SileroFixture : IDisposable
{
    public SileroVadModel Model { get; } = new(ModelStore.Default().Require(ModelCatalog.Get("silero-vad")));

    public void Dispose() => Model.Dispose();
}
