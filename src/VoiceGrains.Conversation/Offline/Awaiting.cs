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

    /// <summary>Which variant an item of an exchange should become.</summary>
    Variant,

    /// <summary>Which payment method on file pays or receives an exchange's price difference.</summary>
    PaymentMethod,
    CancelReason,

    /// <summary>Which product (or item of the caller's orders) a price question is about.</summary>
    Product,
    Address,
    Email,
    Service,
    Day,
    SlotChoice,
    AppointmentChoice,
    CallbackTime,
    Note,
    Rating,

    /// <summary>A change needs a second factor: the other identification, or a texted code.</summary>
    SecondFactor,

    /// <summary>The agent texted a code and asked for it.</summary>
    Code,

    /// <summary>The agent offered more of a knowledge answer.</summary>
    MoreDetail,

    /// <summary>The agent did not know, and offered a person or a callback.</summary>
    PersonOrCallback,

    /// <summary>The agent asked whether the caller would answer the survey.</summary>
    SurveyConsent,

    /// <summary>A hot lead was offered a demo or the sales team.</summary>
    DemoOrSales,
}
