using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Functions;

public sealed record OrderListing(IReadOnlyList<OrderSummary> Orders);

/// <summary>An order with the dates already in the business's zone and words.</summary>
public sealed record OrderView(OrderDetails Order, string PlacedOn, string? ExpectedDelivery);

// Each change carries the order as it is after the change, read back from the database, so what is said next about
// the order is its new state, never the one from before.

public sealed record OrderCancelled(long OrderNumber, string Reason, OrderView Order);

/// <summary>A return begun: what goes back, the refund and where it goes, and what the items kept are worth.</summary>
public sealed record ReturnStarted(long OrderNumber, IReadOnlyList<string> Items, decimal RefundAmount, string RefundTo, decimal KeptAmount, OrderView Order);

public sealed record ShippingAddressChanged(long OrderNumber, string Address, OrderView Order);
