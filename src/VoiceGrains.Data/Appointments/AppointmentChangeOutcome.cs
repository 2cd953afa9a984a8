namespace VoiceGrains.Data.Appointments;

public enum AppointmentChangeOutcome
{
    Done,

    /// <summary>
    /// The change had already been made (a cancellation asked for again, e.g. a function call retried after a silo
    /// died): nothing changed now, and the appointment is as asked.
    /// </summary>
    AlreadyDone,

    /// <summary>This customer has no live appointment with that id.</summary>
    NotFound,

    /// <summary>The new slot is held by someone else.</summary>
    SlotTaken,

    /// <summary>The new slot does not exist, is in the past, or is for another service.</summary>
    SlotUnavailable,
}
