using System.ComponentModel;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// The identified caller's orders. The repository scopes every read and change by the session's customer, so an
/// order number that belongs to someone else reads exactly like one that does not exist.
/// </summary>
public sealed class OrdersPlugin(CallerSession session, OrderRepository orders, BusinessCalendar calendar)
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

    [KernelFunction(AgentFunctions.CancelOrder)]
    [Description("Cancels one of the identified caller's orders. Only pending or processing orders can be cancelled. Confirm with the caller first.")]
    public async Task<object> CancelAsync(
        [Description("The order number, digits only")] long orderNumber,
        [Description("Why the caller cancels, for example 'no longer needed' or 'ordered by mistake'")] string reason,
        CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
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
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
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
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var change = await orders.ChangeShippingAddressAsync(customerId, orderNumber, address, cancellationToken);
        return change.Outcome == OrderChangeOutcome.Done
            ? new ShippingAddressChanged(orderNumber, address.Trim(), (await ViewAsync(customerId, orderNumber, cancellationToken))!)
            : Refused(orderNumber, change, "changed", "the address can only be changed before the order ships");
    }

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
