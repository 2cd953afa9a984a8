namespace VoiceGrains.Data.Appointments;

public enum BookingOutcome
{
    Booked,

    /// <summary>
    /// This customer already holds the slot: the same booking asked for again (a function call retried after a silo
    /// died, a caller repeating themselves). Nothing new was booked; the appointment is the one they hold.
    /// </summary>
    AlreadyBooked,

    /// <summary>Someone else holds the slot.</summary>
    SlotTaken,

    /// <summary>No such slot, or it is in the past.</summary>
    SlotUnavailable,
}
