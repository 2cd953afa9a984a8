namespace VoiceGrains.Data.Orders;

/// <summary>Where a return's money goes; spelled in the database as original_payment and gift_card.</summary>
public enum RefundDestination
{
    OriginalPayment,
    GiftCard,
}
