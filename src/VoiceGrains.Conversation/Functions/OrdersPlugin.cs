using System.ComponentModel;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// The identified caller's orders. The repository scopes every read and change by the session's customer, so an
/// order number that belongs to someone else reads exactly like one that does not exist; a change also needs the
/// caller verified by two factors (<see cref="CallerSession.MayChange"/>).
/// </summary>
public sealed class OrdersPlugin(CallerSession session, OrderRepository orders, ExchangeRepository exchanges, BusinessCalendar calendar)
{
    [KernelFunction(AgentFunctions.ListOrders)]
    [Description("Lists the identified caller's most recent orders (newest first) with number, status, date and total.")]
    public async Task<object> ListRecentAsync(CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        return new OrderListing(await orders.ListRecentAsync(customerId, 5, cancellationToken));
    }

    [KernelFunction(AgentFunctions.GetOrder)]
    [Description("Gets one of the identified caller's orders: status, items, total, shipping address and shipment tracking (carrier, tracking number, latest event, expected delivery).")]
    public async Task<object> GetAsync([Description("The order number, digits only")] long orderNumber, CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        return await ViewAsync(customerId, orderNumber, cancellationToken) is { } view ? view : NotFound(orderNumber);
    }

    [KernelFunction(AgentFunctions.ItemsTotal)]
    [Description("What the identified caller paid for items of a kind across their orders (cancelled orders left out): each item with its order and price, and the total worked out here. Use it for \"how much did I pay for the grills?\"; never add prices up yourself.")]
    public async Task<object> ItemsTotalAsync([Description("The item, as the caller named it (\"grills\")")] string itemName, CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var bought = await orders.ItemsBoughtAsync(customerId, itemName ?? "", cancellationToken);
        return bought.Count == 0
            ? new Refusal($"I couldn't find {itemName} in your orders.", "Ask which item they mean, or read them their orders.")
            : new ItemsTotalled(itemName!, bought, bought.Sum(b => b.UnitPrice * b.Quantity));
    }

    [KernelFunction(AgentFunctions.SwapsTotal)]
    [Description("What the identified caller pays, or gets back, in total for the exchanges and item changes requested on this call: each with its order and price difference, and the net total worked out here. Use it for \"how much do I pay today in total?\"; never add differences up yourself.")]
    public async Task<object> SwapsTotalAsync(CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var swaps = await exchanges.SwapsOfCallAsync(customerId, session.CallSid, cancellationToken);
        return swaps.Count == 0
            ? new Refusal("No exchange or item change has been requested on this call yet.")
            : new SwapsTotalled(swaps, swaps.Sum(s => s.PriceDifference));
    }

    [KernelFunction(AgentFunctions.CancelOrder)]
    [Description("Cancels one of the identified caller's orders. Only pending or processing orders can be cancelled. Confirm with the caller first.")]
    public async Task<object> CancelAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("Why the caller cancels, for example 'no longer needed' or 'ordered by mistake'")] string reason,
        CancellationToken cancellationToken)
    {
        if (Refusal.ForChange(session, out var customerId) is { } refused)
        {
            return refused;
        }
        var change = await orders.CancelAsync(customerId, orderNumber, string.IsNullOrWhiteSpace(reason) ? "not given" : reason.Trim(), cancellationToken);
        return change.Outcome == OrderChangeOutcome.Done
            ? new OrderCancelled(orderNumber, reason, (await ViewAsync(customerId, orderNumber, cancellationToken))!)
            : Refused(orderNumber, change, "cancelled", "only orders that have not shipped yet can be cancelled");
    }

    [KernelFunction(AgentFunctions.StartReturn)]
    [Description("Starts a return and refund for items of one of the identified caller's delivered orders. Confirm the items and the refund destination with the caller first.")]
    public async Task<object> StartReturnAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("Names of the items to return, as the caller described them; empty to return the whole order")] string[] itemNames,
        [Description("Where the refund goes: 'original_payment' or 'gift_card'")] string refundTo,
        CancellationToken cancellationToken)
    {
        if (Refusal.ForChange(session, out var customerId) is { } refused)
        {
            return refused;
        }
        RefundDestination? destination = refundTo?.Trim().ToLowerInvariant() switch
        {
            "original_payment" or "original" or "original payment" => RefundDestination.OriginalPayment,
            "gift_card" or "gift card" => RefundDestination.GiftCard,
            _ => null,
        };
        if (destination is null)
        {
            return new Refusal("Should the refund go to your original payment method or to a gift card?", "Ask the caller where the refund should go.");
        }

        var change = await orders.StartReturnAsync(customerId, orderNumber, itemNames ?? [], destination.Value, session.CallSid, cancellationToken);
        return change.Outcome switch
        {
            OrderChangeOutcome.Done => new ReturnStarted(
                orderNumber, change.ReturnedItems!, change.RefundAmount!.Value, refundTo!, change.KeptAmount!.Value, (await ViewAsync(customerId, orderNumber, cancellationToken))!),
            OrderChangeOutcome.AlreadyReturned => new Refusal($"A return was already started for order {orderNumber}."),
            OrderChangeOutcome.AlreadyExchanged => new Refusal($"An exchange was already requested for order {orderNumber}, so it can't be returned as well."),
            OrderChangeOutcome.NoMatchingItems => new Refusal($"I couldn't find those items in order {orderNumber}.", "Read the caller the items of the order."),
            _ => Refused(orderNumber, change, "returned", "only delivered orders can be returned"),
        };
    }

    [KernelFunction(AgentFunctions.ChangeShippingAddress)]
    [Description("Changes the shipping address of one of the identified caller's orders that has not shipped yet. Confirm the full new address first.")]
    public async Task<object> ChangeShippingAddressAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("The full new address: street, city, state and ZIP code")] string address,
        CancellationToken cancellationToken)
    {
        if (Refusal.ForChange(session, out var customerId) is { } refused)
        {
            return refused;
        }
        var change = await orders.ChangeShippingAddressAsync(customerId, orderNumber, address, cancellationToken);
        return change.Outcome == OrderChangeOutcome.Done
            ? new ShippingAddressChanged(orderNumber, address.Trim(), (await ViewAsync(customerId, orderNumber, cancellationToken))!)
            : Refused(orderNumber, change, "changed", "the address can only be changed before the order ships");
    }

    [KernelFunction(AgentFunctions.ExchangeOptions)]
    [Description("Lists what one item of the identified caller's order can be exchanged for: the other available variants of the same product, each with its item SKU, options, price and the price difference.")]
    public async Task<object> ListExchangeOptionsAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("The name of the item to exchange, as the caller described it")] string itemName,
        CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        if (await exchanges.ListOptionsAsync(customerId, orderNumber, itemName ?? "", cancellationToken) is not { } options)
        {
            return await orders.GetAsync(customerId, orderNumber, cancellationToken) is null
                ? NotFound(orderNumber)
                : new Refusal($"I couldn't find {itemName} in order {orderNumber}.", "Read the caller the items of the order.");
        }
        var item = options.Item;
        return new ExchangeOptionsListed(orderNumber, item.Name, options.ItemOptions, item.UnitPrice,
            [.. options.Variants.Select(v => new VariantOffer(v.Sku, v.Name, v.Options, v.Price, (v.Price - item.UnitPrice) * item.Quantity))]);
    }

    [KernelFunction(AgentFunctions.ExchangeItems)]
    [Description("Exchanges items of one of the identified caller's delivered orders for other variants of the same products (SKUs from orders_list_exchange_options). One exchange or return per order. Confirm the items, the new variants, the price difference and the payment method with the caller first.")]
    public Task<object> ExchangeItemsAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("Names of the items to exchange, as the caller described them")] string[] itemNames,
        [Description("For each item, in the same order, the item SKU of the variant it is exchanged for")] string[] newItemSkus,
        [Description("The id of the caller's payment method (from customer_list_payment_methods) that pays or receives the price difference")] long paymentMethodId,
        CancellationToken cancellationToken) =>
        SwapAsync(orderNumber, itemNames, newItemSkus, paymentMethodId, exchange: true, cancellationToken);

    [KernelFunction(AgentFunctions.ChangeItems)]
    [Description("Changes items of one of the identified caller's orders that has not shipped to other variants of the same products (SKUs from orders_list_exchange_options). Items can be changed once per order, so collect every item first. Confirm the items, the new variants, the price difference and the payment method with the caller first.")]
    public Task<object> ChangeItemsAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("Names of the items to change, as the caller described them")] string[] itemNames,
        [Description("For each item, in the same order, the item SKU of the variant it becomes")] string[] newItemSkus,
        [Description("The id of the caller's payment method (from customer_list_payment_methods) that pays or receives the price difference")] long paymentMethodId,
        CancellationToken cancellationToken) =>
        SwapAsync(orderNumber, itemNames, newItemSkus, paymentMethodId, exchange: false, cancellationToken);

    [KernelFunction(AgentFunctions.ChangePaymentMethod)]
    [Description("Pays one of the identified caller's orders that has not shipped with another of their payment methods (id from customer_list_payment_methods); a gift card must cover the order's total. Confirm with the caller first.")]
    public async Task<object> ChangePaymentMethodAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("The id of the payment method to pay with")] long paymentMethodId,
        CancellationToken cancellationToken)
    {
        if (Refusal.ForChange(session, out var customerId) is { } refused)
        {
            return refused;
        }
        var change = await orders.ChangePaymentMethodAsync(customerId, orderNumber, paymentMethodId, cancellationToken);
        return change.Outcome switch
        {
            OrderChangeOutcome.Done when await ViewAsync(customerId, orderNumber, cancellationToken) is { } view => new PaymentMethodChanged(orderNumber, view.Order.PaymentMethod!, view),
            OrderChangeOutcome.SamePaymentMethod => new Refusal($"Order {orderNumber} is already paid with that payment method."),
            OrderChangeOutcome.PaymentMethodNotFound => PaymentMethodNotFound,
            OrderChangeOutcome.GiftCardBalanceTooLow => new Refusal($"The gift card's balance doesn't cover order {orderNumber}'s total."),
            _ => Refused(orderNumber, change, "changed", "the payment method can only be changed before the order ships"),
        };
    }

    /// <summary>An exchange (delivered order) or an item change (not shipped): the same swaps, the same refusals.</summary>
    async Task<object> SwapAsync(
        long orderNumber, string[] itemNames, string[] newItemSkus, long paymentMethodId, bool exchange, CancellationToken cancellationToken)
    {
        if (Refusal.ForChange(session, out var customerId) is { } refused)
        {
            return refused;
        }
        if (itemNames is not { Length: > 0 } || newItemSkus is null || newItemSkus.Length != itemNames.Length)
        {
            return new Refusal("Which items should I change, and to which variants?", "Pass one new item SKU for each item name.");
        }

        IReadOnlyList<ItemSwap> swaps = [.. itemNames.Zip(newItemSkus, (name, sku) => new ItemSwap(name, sku))];
        var result = exchange
            ? await exchanges.RequestAsync(customerId, orderNumber, swaps, paymentMethodId, session.CallSid, cancellationToken)
            : await exchanges.ChangeItemsAsync(customerId, orderNumber, swaps, paymentMethodId, session.CallSid, cancellationToken);
        return result.Outcome switch
        {
            OrderChangeOutcome.Done => new ItemsSwapped(
                orderNumber, exchange, [.. result.Items!.Select(i => $"the {i.Old} for the {i.New}")], result.PriceDifference!.Value, result.PaymentMethod!,
                (await ViewAsync(customerId, orderNumber, cancellationToken))!),
            OrderChangeOutcome.AlreadyExchanged => new Refusal(exchange
                ? $"An exchange was already requested for order {orderNumber}; an order can be exchanged or returned once."
                : $"The items of order {orderNumber} were already changed once, which is all an order allows."),
            OrderChangeOutcome.AlreadyReturned => new Refusal($"A return was already started for order {orderNumber}, so it can't be exchanged as well."),
            OrderChangeOutcome.NoMatchingItems => new Refusal($"I couldn't find those items in order {orderNumber}.", "Read the caller the items of the order."),
            OrderChangeOutcome.VariantUnavailable => new Refusal(
                "That variant isn't available; an item can only become another available variant of the same product.",
                "List the item's exchange options again."),
            OrderChangeOutcome.PaymentMethodNotFound => PaymentMethodNotFound,
            OrderChangeOutcome.GiftCardBalanceTooLow => new Refusal(
                "The gift card's balance doesn't cover the price difference; another payment method on file can pay it."),
            _ => exchange
                ? Refused(orderNumber, new OrderChange(result.Outcome, result.Status), "exchanged", "only delivered orders can be exchanged")
                : Refused(orderNumber, new OrderChange(result.Outcome, result.Status), "changed", "items can only be changed before the order ships"),
        };
    }

    static Refusal PaymentMethodNotFound { get; } =
        new("That payment method isn't one on your account.", "List the caller's payment methods and pass one of their ids.");

    /// <summary>The customer's order with its dates in the business's zone and words; null when they have no such order.</summary>
    async Task<OrderView?> ViewAsync(long customerId, long orderNumber, CancellationToken cancellationToken)
    {
        if (await orders.GetAsync(customerId, orderNumber, cancellationToken) is not { } order)
        {
            return null;
        }
        var expected = order.Shipments.Select(s => s.ExpectedDelivery).FirstOrDefault(d => d is not null);
        return new OrderView(order, SpokenTime.Day(calendar.LocalDate(order.PlacedAt)), expected is { } day ? SpokenTime.Day(day) : null);
    }

    static Refusal NotFound(long orderNumber) =>
        new($"I can't find an order {orderNumber} on your account.", "Ask the caller to check the number, or list their recent orders.");

    static Refusal Refused(long orderNumber, OrderChange change, string verb, string rule) =>
        change.Outcome == OrderChangeOutcome.NotFound
            ? NotFound(orderNumber)
            : new Refusal($"Order {orderNumber} is {change.Status}, so it can't be {verb}; {rule}.");
}
