namespace VoiceGrains.Data.Migrations;

/// <summary>A call history was asked for in a database without the customers it is made of.</summary>
public sealed class NoCustomersException() : DatabaseSetupException("The database has no customers: load the demo business first (voicegrains db seed).");
