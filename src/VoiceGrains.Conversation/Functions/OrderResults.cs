using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Functions;

public sealed record OrderListing(IReadOnlyList<OrderSummary> Orders);

/// <summary>An order with the dates already in the business's zone and words.</summary>
public sealed record OrderView(OrderDetails Order, string PlacedOn, string? ExpectedDelivery);

public sealed record OrderCancelled(long OrderNumber, string Reason);

/// <summary>A return begun: what goes back, the refund and where it goes, and what the items kept are worth.</summary>
public sealed record ReturnStarted(long OrderNumber, IReadOnlyList<string> Items, decimal RefundAmount, string RefundTo, decimal KeptAmount);

public sealed record ShippingAddressChanged(long OrderNumber, string Address);
