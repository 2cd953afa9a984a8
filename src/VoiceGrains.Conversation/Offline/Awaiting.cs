namespace VoiceGrains.Conversation.Offline;

/// <summary>What the offline engine's last question asked for, so a bare answer ("10482", "yes") is read as that.</summary>
public enum Awaiting
{
    Nothing,
    Identity,
    Name,
    Zip,
    OrderNumber,
    Items,
    RefundDestination,
    CancelReason,
    Address,
    Email,
    Service,
    Day,
    SlotChoice,
    AppointmentChoice,
    CallbackTime,
    Note,
    Rating,
}
