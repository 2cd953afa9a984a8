namespace VoiceGrains.Data.Products;

/// <summary>One variant in the catalogue: its SKU, name, options, price and whether it can be ordered now.</summary>
public sealed record CatalogueEntry(string Sku, string Name, IReadOnlyDictionary<string, string> Options, decimal Price, bool Available);
