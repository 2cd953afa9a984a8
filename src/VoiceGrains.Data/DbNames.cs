using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Data;

/// <summary>How enum values are spelled in the database's text columns (and their CHECK constraints).</summary>
public static class DbNames
{
    public static string Of(CallStatus status) => status.ToString().ToLowerInvariant();

    public static string Of(CallDirection direction) => direction.ToString().ToLowerInvariant();

    public static string Of(CallChannel channel) => channel.ToString().ToLowerInvariant();

    public static string Of(Speaker speaker) => speaker.ToString().ToLowerInvariant();

    public static string Of(RefundDestination destination) => destination switch
    {
        RefundDestination.OriginalPayment => "original_payment",
        RefundDestination.GiftCard => "gift_card",
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination, null),
    };
}
