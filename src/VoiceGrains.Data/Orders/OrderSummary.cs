namespace VoiceGrains.Data.Orders;

/// <summary>One line of a caller's order list.</summary>
public sealed record OrderSummary(long OrderNumber, string Status, DateTimeOffset PlacedAt, decimal Total, int ItemCount);
