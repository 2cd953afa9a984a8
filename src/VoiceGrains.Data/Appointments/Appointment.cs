namespace VoiceGrains.Data.Appointments;

/// <summary>A customer's booking.</summary>
public sealed record Appointment(long Id, string Status, Slot Slot);
