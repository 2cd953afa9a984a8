namespace VoiceGrains.Speech.Models;

/// <summary>No pinned model has the name; the message lists the names there are (Piper's voices as a count).</summary>
public sealed class UnknownModelException(string name, IEnumerable<string> known)
    : Exception($"No model is named '{name}'. Known models: {Describe(known.ToList())}.")
{
    static string Describe(List<string> known)
    {
        var voices = known.Count(n => n.StartsWith(PiperVoiceCatalog.Prefix, StringComparison.Ordinal) && !n.EndsWith(".json", StringComparison.Ordinal));
        var others = known.Where(n => !n.StartsWith(PiperVoiceCatalog.Prefix, StringComparison.Ordinal));
        return string.Join(", ", others) + (voices > 0 ? $", and {voices} Piper voices as piper:VOICE ('voicegrains models list --voices')" : "");
    }
}
