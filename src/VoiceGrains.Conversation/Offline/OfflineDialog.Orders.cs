using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Data.Orders;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>Orders: status, tracking, cancelling, returns and shipping-address changes.</summary>
public sealed partial class OfflineDialog
{
    OrderView? lastOrder;
    IReadOnlyList<OrderSummary>? recentOrders;

    DialogStep AdvanceOrder(Goal goal)
    {
        if (goal.Intent == Intent.ListOrders)
        {
            return Finish(new DialogStep.Call(Orders, ListOrders, Args()));
        }
        if (goal.OrderNumber is not { } number)
        {
            if (goal.WantsOrderList)
            {
                if (recentOrders is null)
                {
                    return new DialogStep.Call(Orders, ListOrders, Args());
                }
                // Listed earlier in the call: read out again, not asked for a number the caller said they don't have;
                // a caller who still cannot tell is not asked round in circles.
                goal.WantsOrderList = false;
                if (++goal.OrderListsRead > 2)
                {
                    goal.Done = true;
                    return Say("I'm sorry, I can't tell which order you mean without its number or what's in it. Is there anything else I can help with?");
                }
                return Ask(Awaiting.OrderNumber, $"I see these recent orders: {string.Join("; ", recentOrders.Take(3).Select(DescribeSummary))}. Which one is it about?");
            }
            return Ask(Awaiting.OrderNumber, "What's the order number? If you don't have it, I can look up your recent orders.");
        }
        if (lastOrder?.Order.OrderNumber != number)
        {
            return new DialogStep.Call(Orders, GetOrder, Args(("orderNumber", number)));
        }

        var order = lastOrder.Order;
        switch (goal.Intent)
        {
            case Intent.Tracking:
                goal.Done = true;
                return Say(DescribeTracking(lastOrder));
            case Intent.CancelOrder:
                if (order.Status is not ("pending" or "processing"))
                {
                    goal.Done = true;
                    return Say($"Order {number} is {order.Status}, so it can't be cancelled; only orders that haven't shipped yet can be. Is there anything else I can help with?");
                }
                if (goal.CancelReason is null)
                {
                    return Ask(Awaiting.CancelReason, "May I ask why you'd like to cancel? For example, you no longer need it, or it was ordered by mistake.");
                }
                return Confirm(
                    new DialogStep.Call(Orders, CancelOrder, Args(("orderNumber", number), ("reason", goal.CancelReason))),
                    $"cancel order {number}",
                    $"Just to confirm: cancel order {number}, with {ItemList(order.Items)}, because it was {goal.CancelReason}. Shall I go ahead?");
            case Intent.ReturnOrder:
                return AdvanceReturn(goal, order);
            case Intent.ExchangeOrder:
                return AdvanceExchange(goal, order);
            case Intent.ChangePayment:
                return AdvancePaymentChange(goal, order);
            case Intent.ChangeOrderAddress:
                if (order.Status is not ("pending" or "processing"))
                {
                    goal.Done = true;
                    return Say($"Order {number} is {order.Status}, so its address can't be changed any more. Is there anything else I can help with?");
                }
                if (goal.Address is null)
                {
                    return Ask(Awaiting.Address, "What's the new shipping address, including the ZIP code?");
                }
                return Confirm(
                    new DialogStep.Call(Orders, ChangeShippingAddress, Args(("orderNumber", number), ("address", goal.Address))),
                    "change that address",
                    $"To confirm: ship order {number} to {goal.Address} instead of {order.ShippingAddress}. Shall I go ahead?");
            default:
                goal.Done = true;
                return Say(DescribeOrder(lastOrder));
        }
    }

    DialogStep AdvanceReturn(Goal goal, OrderDetails order)
    {
        if (order.Status != "delivered")
        {
            goal.Done = true;
            return Say($"Order {order.OrderNumber} is {order.Status}, so it can't be returned yet; only delivered orders can be. Is there anything else I can help with?");
        }
        if (order.ReturnRequested || order.ExchangeRequested)
        {
            goal.Done = true;
            return Say($"{(order.ReturnRequested ? "A return" : "An exchange")} is already open for order {order.OrderNumber}, and an order can be returned or exchanged once. Is there anything else I can help with?");
        }
        if (!goal.AllItems && goal.Items.Count == 0)
        {
            var (items, everything) = ItemMatcher.Match(order.Items, string.Join(" ", goal.Said));
            goal.AllItems = everything && items.Count == order.Items.Count;
            goal.Items.AddRange(items.Select(i => i.Name).Distinct());
            if (order.Items.Count == 1)
            {
                goal.Items.Add(order.Items[0].Name);
            }
            if (goal.Items.Count == 0)
            {
                return Ask(Awaiting.Items, $"Which items would you like to return? The order has {ItemList(order.Items)}.");
            }
        }
        if (goal.RefundTo is not { } refundTo)
        {
            return Ask(Awaiting.RefundDestination, "Should the refund go to your original payment method, or to a gift card?");
        }

        var chosen = goal.AllItems ? order.Items : order.Items.Where(i => goal.Items.Contains(i.Name)).ToList();
        var destination = refundTo == RefundDestination.GiftCard ? "gift card" : "original payment method";
        return Confirm(
            new DialogStep.Call(Orders, StartReturn, Args(
                ("orderNumber", order.OrderNumber),
                ("itemNames", goal.AllItems ? Array.Empty<string>() : chosen.Select(i => i.Name).Distinct().ToArray()),
                ("refundTo", Data.DbNames.Of(refundTo)))),
            "start that return",
            $"To confirm: return {ItemList(chosen)} from order {order.OrderNumber}, with a refund of {SpokenTime.Money(chosen.Sum(i => i.UnitPrice * i.Quantity))} to your {destination}. Shall I go ahead?");
    }

    DialogStep OnOrderListing(OrderListing listing)
    {
        recentOrders = listing.Orders;
        if (goal is null || goal.Intent == Intent.ListOrders || goal.Done)
        {
            return Say(listing.Orders.Count == 0
                ? "I don't see any orders on your account. Is there anything else I can help with?"
                : $"Your most recent orders are {string.Join("; ", listing.Orders.Take(3).Select(DescribeSummary))}. Would you like details on one of them?");
        }
        switch (listing.Orders.Count)
        {
            case 0:
                goal.Done = true;
                return Say("I don't see any orders on your account. Is there anything else I can help with?");
            case 1:
                goal.OrderNumber = listing.Orders[0].OrderNumber;
                return Advance();
            default:
                return Ask(Awaiting.OrderNumber, $"I see these recent orders: {string.Join("; ", listing.Orders.Take(3).Select(DescribeSummary))}. Which one is it about?");
        }
    }

    /// <summary>"order 10482, delivered, with the desk lamp and the kettle, for 84 dollars": the items tell orders apart for a caller without the number.</summary>
    static string DescribeSummary(OrderSummary order)
    {
        var names = order.ItemNames.Select(n => $"the {ItemMatcher.BaseName(n)}").Distinct().ToList();
        var items = names.Count switch
        {
            0 => $"{order.ItemCount} items",
            <= 3 => List(names, "and"),
            _ => $"{string.Join(", ", names.Take(2))} and {names.Count - 2} more",
        };
        return $"order {order.OrderNumber}, {order.Status}, with {items}, for {SpokenTime.Money(order.Total)}";
    }

    static string DescribeOrder(OrderView view)
    {
        var order = view.Order;
        var text = $"Order {order.OrderNumber} was placed on {view.PlacedOn} and is {order.Status}{(order.ReturnRequested ? ", with a return open" : order.ExchangeRequested ? ", with an exchange requested" : "")}. It has {ItemList(order.Items)}, {SpokenTime.Money(order.Total)} in total, going to {order.ShippingAddress}.";
        return order.Shipments.Count > 0 ? $"{text} {DescribeTracking(view)}" : $"{text} Is there anything else I can help with?";
    }

    static string DescribeTracking(OrderView view)
    {
        var order = view.Order;
        if (order.Shipments.Count == 0)
        {
            return $"Order {order.OrderNumber} is {order.Status} and hasn't shipped yet, so there's no tracking number. Is there anything else I can help with?";
        }
        var shipment = order.Shipments[0];
        var last = shipment.LastEvent is null ? "" : $" The latest update is: {shipment.LastEvent}{(shipment.LastEventLocation is null ? "" : $" in {shipment.LastEventLocation}")}.";
        var expected = shipment.Status == "delivered" ? " It has been delivered." : view.ExpectedDelivery is null ? "" : $" It's expected on {view.ExpectedDelivery}.";
        return $"Order {order.OrderNumber} shipped with {shipment.Carrier}, tracking number {shipment.TrackingNumber}.{last}{expected} Is there anything else I can help with?";
    }

    static string ItemList(IEnumerable<OrderItem> items)
    {
        var names = items.Select(i => i.Quantity == 1 ? $"the {i.Name} at {SpokenTime.Money(i.UnitPrice)}" : $"{i.Quantity} times the {i.Name} at {SpokenTime.Money(i.UnitPrice)} each").ToList();
        return names.Count switch
        {
            0 => "no items",
            1 => names[0],
            _ => string.Join(", ", names[..^1]) + " and " + names[^1],
        };
    }
}
