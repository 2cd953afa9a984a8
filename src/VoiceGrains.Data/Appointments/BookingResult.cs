namespace VoiceGrains.Data.Appointments;

/// <summary>The appointment id when booked; otherwise why not.</summary>
public sealed record BookingResult(BookingOutcome Outcome, long? AppointmentId);
