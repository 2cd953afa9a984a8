namespace VoiceGrains.Data.Orders;

/// <summary>
/// What one item of an order can be exchanged for: the item with its options, and the other variants of its product
/// that are available now (empty when the product has no other, or has no variants at all).
/// </summary>
public sealed record ExchangeOptions(OrderItem Item, IReadOnlyDictionary<string, string> ItemOptions, IReadOnlyList<ProductVariant> Variants);
