namespace VoiceGrains.Data;

/// <summary>
/// A database setting or schema state that no retry can fix. Hosts catch this one type at the top,
/// print its message and exit, rather than half-starting.
/// </summary>
public abstract class DatabaseSetupException(string message) : Exception(message);
