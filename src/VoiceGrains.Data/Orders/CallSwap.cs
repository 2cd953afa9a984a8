namespace VoiceGrains.Data.Orders;

/// <summary>An exchange (or, before shipping, an item change) requested on a call: its order and price difference.</summary>
public sealed record CallSwap(long OrderNumber, bool Exchange, decimal PriceDifference);
