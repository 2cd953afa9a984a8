namespace VoiceGrains.Speech.Models;

/// <summary>Where speech models are installed ("Models" section); unset, <see cref="ModelStore.Default"/> decides.</summary>
public sealed class ModelOptions
{
    public const string Section = "Models";

    public string? Directory { get; set; }
}
