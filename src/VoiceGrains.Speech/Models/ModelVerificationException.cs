namespace VoiceGrains.Speech.Models;

/// <summary>A model file whose size or sha256 does not match its pin; it is never installed.</summary>
public sealed class ModelVerificationException(string message) : Exception(message);
