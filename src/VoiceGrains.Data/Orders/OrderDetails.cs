namespace VoiceGrains.Data.Orders;

/// <summary>Everything a caller may ask about one of their orders.</summary>
public sealed record OrderDetails(
    long OrderNumber,
    string Status,
    DateTimeOffset PlacedAt,
    decimal Total,
    string ShippingAddress,
    IReadOnlyList<OrderItem> Items,
    IReadOnlyList<Shipment> Shipments,
    bool ReturnRequested,
    bool ExchangeRequested);
