namespace VoiceGrains.Conversation.Understanding;

/// <summary>What a caller's line asks for. One line can carry several ("hi, where is my order?").</summary>
public enum Intent
{
    Unknown,
    Greeting,
    Thanks,
    Goodbye,
    Repeat,
    Human,
    Yes,
    No,
    ListOrders,
    OrderStatus,
    Tracking,
    CancelOrder,
    ReturnOrder,
    ChangeOrderAddress,
    ListServices,
    FindSlots,
    Book,
    Reschedule,
    CancelAppointment,
    MyAppointments,
    OpenNow,
    HoursOn,
    Holidays,
    UpdateEmail,
    UpdateAddress,
    AddNote,
    Callback,
    Rate,
}
