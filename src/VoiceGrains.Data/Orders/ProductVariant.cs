namespace VoiceGrains.Data.Orders;

/// <summary>One variant of a product ("Desk lamp" in black): its own SKU, name, options and price.</summary>
public sealed record ProductVariant(string Sku, string Name, IReadOnlyDictionary<string, string> Options, decimal Price);
