namespace VoiceGrains.Conversation.Understanding;

/// <summary>What a caller's line asks for. One line can carry several ("hi, where is my order?").</summary>
public enum Intent
{
    Unknown,
    Greeting,
    Thanks,
    Goodbye,
    Repeat,
    More,
    Human,
    Yes,
    No,
    ListOrders,
    OrderStatus,
    Tracking,
    CancelOrder,
    ReturnOrder,
    /// <summary>Swapping an item for another variant of the same product: an exchange once delivered, a change before it ships.</summary>
    ExchangeOrder,
    /// <summary>Paying an order that has not shipped with another payment method on file.</summary>
    ChangePayment,
    ChangeOrderAddress,

    /// <summary>"How much do I pay today in total?": the net price difference of the exchanges requested on this call.</summary>
    SwapsTotal,

    /// <summary>"How much did I pay for the grills?": the total of items of a kind across the caller's orders.</summary>
    ItemsTotal,

    /// <summary>"What's the cheapest mechanical keyboard you have?": the catalogue's cheapest available variant.</summary>
    CheapestProduct,
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
    /// <summary>"Don't call me again": the caller's number goes on the do-not-call list and the call ends.</summary>
    DoNotCall,
    /// <summary>"I'll be there": the caller confirms an appointment (a reminder call's answer).</summary>
    ConfirmAppointment,
}
