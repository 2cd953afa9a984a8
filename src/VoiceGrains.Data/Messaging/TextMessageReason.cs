namespace VoiceGrains.Data.Messaging;

/// <summary>Why a text is sent; stored in snake case.</summary>
public enum TextMessageReason
{
    AppointmentBooked,
    AppointmentMoved,
    AppointmentCancelled,
    AppointmentReminder,
}
