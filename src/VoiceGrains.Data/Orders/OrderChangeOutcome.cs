namespace VoiceGrains.Data.Orders;

/// <summary>What happened to a requested change of an order; anything but <see cref="Done"/> changed nothing.</summary>
public enum OrderChangeOutcome
{
    Done,

    /// <summary>No order with that number belongs to this customer (whether or not it exists).</summary>
    NotFound,

    /// <summary>The order's status does not allow the change; the result says which status it has.</summary>
    NotAllowedInStatus,

    /// <summary>A return was already requested for this order.</summary>
    AlreadyReturned,

    /// <summary>None of the named items is in the order.</summary>
    NoMatchingItems,
}
