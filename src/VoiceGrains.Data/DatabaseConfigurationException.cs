namespace VoiceGrains.Data;

/// <summary>The database setting is missing or unusable; the process should stop before starting anything.</summary>
public sealed class DatabaseConfigurationException(string message) : DatabaseSetupException(message);
