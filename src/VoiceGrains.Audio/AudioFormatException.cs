namespace VoiceGrains.Audio;

/// <summary>Audio that cannot be used: not a WAV, an unsupported encoding, empty, too long, or a corrupt header.</summary>
public sealed class AudioFormatException(string message, Exception? inner = null) : Exception(message, inner);
