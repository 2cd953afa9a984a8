namespace VoiceGrains.Simulator;

/// <summary>The server did not behave as Twilio's protocol expects; the message says what happened.</summary>
public sealed class SimulatorException(string message) : Exception(message);
