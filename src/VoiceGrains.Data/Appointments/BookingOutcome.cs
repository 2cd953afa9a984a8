namespace VoiceGrains.Data.Appointments;

public enum BookingOutcome
{
    Booked,

    /// <summary>Someone else holds the slot.</summary>
    SlotTaken,

    /// <summary>No such slot, or it is in the past.</summary>
    SlotUnavailable,
}
