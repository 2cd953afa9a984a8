namespace VoiceGrains.Data.Orders;

/// <summary>One item of an exchange: the order's item by (part of) its name, and the SKU of the variant wanted instead.</summary>
public sealed record ItemSwap(string ItemName, string NewSku);
