namespace VoiceGrains.Speech.Models;

public sealed class UnknownModelException(string name, IEnumerable<string> known)
    : Exception($"No model is named '{name}'. Known models: {string.Join(", ", known)}.");
