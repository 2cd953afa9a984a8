namespace VoiceGrains.Data.Orders;

/// <summary>The result of a cancel, return or address change: the outcome and the order's status after it.</summary>
public sealed record OrderChange(OrderChangeOutcome Outcome, string? Status, decimal? RefundAmount = null, IReadOnlyList<string>? ReturnedItems = null);
