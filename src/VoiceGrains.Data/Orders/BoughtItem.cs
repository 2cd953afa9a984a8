namespace VoiceGrains.Data.Orders;

/// <summary>An item a customer bought: its order (and the order's status), name, quantity and price each.</summary>
public sealed record BoughtItem(long OrderNumber, string OrderStatus, string Name, int Quantity, decimal UnitPrice);
