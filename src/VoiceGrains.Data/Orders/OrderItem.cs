namespace VoiceGrains.Data.Orders;

/// <summary>One line of an order; <see cref="Line"/> numbers it within the order.</summary>
public sealed record OrderItem(int Line, string Sku, string Name, int Quantity, decimal UnitPrice);
