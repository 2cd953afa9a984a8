namespace VoiceGrains.Data.Orders;

/// <summary>Everything a caller may ask about one of their orders; <see cref="PaymentMethod"/> describes what it is paid with, when known.</summary>
public sealed record OrderDetails(
    long OrderNumber,
    string Status,
    DateTimeOffset PlacedAt,
    decimal Total,
    string ShippingAddress,
    IReadOnlyList<OrderItem> Items,
    IReadOnlyList<Shipment> Shipments,
    bool ReturnRequested,
    bool ExchangeRequested,
    bool ItemsChanged,
    string? PaymentMethod);
