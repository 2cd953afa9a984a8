namespace VoiceGrains.Data.Appointments;

public enum AppointmentChangeOutcome
{
    Done,

    /// <summary>This customer has no live appointment with that id.</summary>
    NotFound,

    /// <summary>The new slot is held by someone else.</summary>
    SlotTaken,

    /// <summary>The new slot does not exist, is in the past, or is for another service.</summary>
    SlotUnavailable,
}
