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

/// <summary>
/// What an item of an order can be exchanged for: each available variant with its price and the difference the caller
/// would pay (positive) or get back (negative), worked out here so neither engine does the arithmetic.
/// </summary>
public sealed record ExchangeOptionsListed(
    long OrderNumber, string Item, IReadOnlyDictionary<string, string> ItemOptions, decimal ItemPrice, IReadOnlyList<VariantOffer> Variants);

public sealed record VariantOffer(string Sku, string Name, IReadOnlyDictionary<string, string> Options, decimal Price, decimal PriceDifference);

/// <summary>
/// Items swapped for other variants: an exchange requested (a delivered order), or an order's items changed before it
/// ships; each item with what replaces it, the difference paid (positive) or refunded (negative), and to which payment method.
/// </summary>
public sealed record ItemsSwapped(long OrderNumber, bool Exchange, IReadOnlyList<string> Swaps, decimal PriceDifference, string PaymentMethod, OrderView Order);

/// <summary>What the caller paid for items of one kind ("the grills"): each item bought, and their total.</summary>
public sealed record ItemsTotalled(string Item, IReadOnlyList<BoughtItem> Items, decimal Total);

/// <summary>The exchanges and item changes requested on this call, and their net price difference (positive: to pay).</summary>
public sealed record SwapsTotalled(IReadOnlyList<CallSwap> Swaps, decimal Total);

public sealed record PaymentMethodChanged(long OrderNumber, string PaymentMethod, OrderView Order);
