namespace VoiceGrains.Data.Orders;

/// <summary>Where a parcel is: its carrier, tracking number and newest tracking event.</summary>
public sealed record Shipment(
    string Carrier,
    string TrackingNumber,
    string Status,
    DateOnly? ExpectedDelivery,
    string? LastEvent,
    string? LastEventLocation,
    DateTimeOffset? LastEventAt);
