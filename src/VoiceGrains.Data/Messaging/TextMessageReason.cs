namespace VoiceGrains.Data.Messaging;

/// <summary>Why a text is sent; stored in snake case.</summary>
public enum TextMessageReason
{
    AppointmentBooked,
    AppointmentMoved,
    AppointmentCancelled,
    AppointmentReminder,

    /// <summary>A one-time code that verifies a caller who has the phone on file.</summary>
    VerificationCode,
}
