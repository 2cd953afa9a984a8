namespace VoiceGrains.Speech.Tts.Piper;

/// <summary>A Piper voice that cannot speak as configured: a corrupt model, a bad config, or a config that is not the model's.</summary>
public sealed class PiperVoiceException(string message, Exception? inner = null) : Exception(message, inner);
