namespace VoiceGrains.Data.Orders;

/// <summary>
/// The result of a cancel, return or address change: the outcome and the order's status after it; for a return,
/// the refund, the items returned, and what the items kept are worth.
/// </summary>
public sealed record OrderChange(
    OrderChangeOutcome Outcome, string? Status, decimal? RefundAmount = null, IReadOnlyList<string>? ReturnedItems = null, decimal? KeptAmount = null);
