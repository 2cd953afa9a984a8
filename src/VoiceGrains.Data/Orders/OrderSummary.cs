namespace VoiceGrains.Data.Orders;

/// <summary>One line of a caller's order list, with its items' product names (in line order) to tell orders apart by.</summary>
public sealed record OrderSummary(long OrderNumber, string Status, DateTimeOffset PlacedAt, decimal Total, int ItemCount, IReadOnlyList<string> ItemNames);
