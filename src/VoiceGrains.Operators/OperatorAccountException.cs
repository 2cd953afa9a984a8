namespace VoiceGrains.Operators;

/// <summary>An operator could not be added or changed; the message says why (Identity's own words).</summary>
public sealed class OperatorAccountException(string message) : Exception(message);
