namespace VoiceGrains.Data.Appointments;

/// <summary>The result of a cancel or reschedule; the appointment as it stands afterwards when there is one.</summary>
public sealed record AppointmentChange(AppointmentChangeOutcome Outcome, Appointment? Appointment);
