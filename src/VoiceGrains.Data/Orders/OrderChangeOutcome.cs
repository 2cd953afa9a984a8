namespace VoiceGrains.Data.Orders;

/// <summary>What happened to a requested change of an order; anything but <see cref="Done"/> changed nothing.</summary>
public enum OrderChangeOutcome
{
    Done,

    /// <summary>No order with that number belongs to this customer (whether or not it exists).</summary>
    NotFound,

    /// <summary>The order's status does not allow the change; the result says which status it has.</summary>
    NotAllowedInStatus,

    /// <summary>A return was already requested for this order (one return or exchange per order).</summary>
    AlreadyReturned,

    /// <summary>An exchange was already requested for this order (one exchange or return per order), or its items were already changed before shipping (once per order).</summary>
    AlreadyExchanged,

    /// <summary>None of the named items is in the order.</summary>
    NoMatchingItems,

    /// <summary>A variant asked for is not another variant of the item's product, or is not available now.</summary>
    VariantUnavailable,

    /// <summary>The payment method is not one of this customer's.</summary>
    PaymentMethodNotFound,

    /// <summary>The gift card chosen to pay a price difference holds less than the difference.</summary>
    GiftCardBalanceTooLow,

    /// <summary>The order is already paid with that payment method.</summary>
    SamePaymentMethod,
}
