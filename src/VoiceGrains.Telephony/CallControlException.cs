namespace VoiceGrains.Telephony;

/// <summary>A call-control request failed; the message says whether the carrier refused it, could not be reached, or is not configured. Never holds credentials.</summary>
public sealed class CallControlException(string message, Exception? inner = null) : Exception(message, inner);
