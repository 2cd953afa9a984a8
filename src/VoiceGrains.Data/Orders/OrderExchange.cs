namespace VoiceGrains.Data.Orders;

/// <summary>
/// The result of an exchange request: the outcome and the order's status; when done, each old item's name with its
/// new variant's, what the customer pays (positive) or gets back (negative), and the payment method's description.
/// </summary>
public sealed record OrderExchange(
    OrderChangeOutcome Outcome,
    string? Status,
    IReadOnlyList<(string Old, string New)>? Items = null,
    decimal? PriceDifference = null,
    string? PaymentMethod = null);
