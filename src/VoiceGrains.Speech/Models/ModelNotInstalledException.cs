namespace VoiceGrains.Speech.Models;

/// <summary>A model the product needs is not in the model directory: say so, never pretend to hear or speak.</summary>
public sealed class ModelNotInstalledException(ModelEntry model, string directory)
    : Exception($"Model '{model.Name}' ({model.File}) is not installed in {directory}. Run: voicegrains models fetch {model.Name}")
{
    public ModelEntry Model { get; } = model;
}
