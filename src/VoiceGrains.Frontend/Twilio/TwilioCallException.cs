namespace VoiceGrains.Frontend.Twilio;

/// <summary>A Twilio REST request failed; the message says whether Twilio refused it or could not be reached. Never holds credentials.</summary>
public sealed class TwilioCallException(string message, Exception? inner) : Exception(message, inner);
