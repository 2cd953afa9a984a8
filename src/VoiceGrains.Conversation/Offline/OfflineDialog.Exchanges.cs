using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Data.Orders;
using VoiceGrains.Data.Payments;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// Items swapped for other variants (an exchange once delivered, a change before the order ships): which items, which
/// variant of each (read from the options the caller names: "the one with clicky switches", "in black"), which payment
/// method pays or receives the difference, then a confirmation that says the difference before anything is done. And
/// paying an order that has not shipped with another payment method.
/// </summary>
public sealed partial class OfflineDialog
{
    readonly Dictionary<string, ExchangeOptionsListed> exchangeOptions = [];
    IReadOnlyList<PaymentMethod>? paymentMethods;

    DialogStep AdvanceExchange(Goal goal, OrderDetails order)
    {
        var exchange = order.Status == "delivered";
        if (!exchange && order.Status is not ("pending" or "processing"))
        {
            goal.Done = true;
            return Say($"Order {order.OrderNumber} is {order.Status}, so its items can't be changed now; they can be before it ships, or exchanged once it's delivered. Is there anything else I can help with?");
        }
        if (exchange && (order.ReturnRequested || order.ExchangeRequested))
        {
            goal.Done = true;
            return Say($"Order {order.OrderNumber} already has {(order.ReturnRequested ? "a return" : "an exchange")} open, and an order can be exchanged or returned once. Is there anything else I can help with?");
        }
        if (!exchange && order.ItemsChanged)
        {
            goal.Done = true;
            return Say($"The items of order {order.OrderNumber} were already changed once, which is all an order allows. Is there anything else I can help with?");
        }
        if (goal.Items.Count == 0)
        {
            var (items, everything) = ItemMatcher.Match(order.Items, string.Join(" ", goal.Said));
            goal.Items.AddRange((everything ? order.Items : items).Select(i => i.Name).Distinct());
            if (order.Items.Count == 1 && goal.Items.Count == 0)
            {
                goal.Items.Add(order.Items[0].Name);
            }
            if (goal.Items.Count == 0)
            {
                return Ask(Awaiting.Items, $"Which items would you like to {(exchange ? "exchange" : "change")}, and for what? The order has {ItemList(order.Items)}.");
            }
        }

        foreach (var item in goal.Items)
        {
            if (!exchangeOptions.TryGetValue(Key(order.OrderNumber, item), out var options))
            {
                return new DialogStep.Call(Orders, AgentFunctions.ExchangeOptions, Args(("orderNumber", order.OrderNumber), ("itemName", item)));
            }
            if (options.Variants.Count == 0)
            {
                goal.Done = true;
                return Say($"I'm sorry, the {item} has no other variant available to exchange for right now. Is there anything else I can help with?");
            }
            if (goal.Exchanges.ContainsKey(item))
            {
                continue;
            }
            if (ChosenVariant(options, string.Join(" ", goal.Said)) is { } chosen)
            {
                goal.Exchanges[item] = chosen;
                continue;
            }
            return Ask(Awaiting.Variant, $"What would you like instead of the {item}? It also comes in {DescribeChoices(options)}.");
        }

        var swaps = goal.Items.Select(item => (Item: item, New: exchangeOptions[Key(order.OrderNumber, item)].Variants.First(v => v.Sku == goal.Exchanges[item]))).ToList();
        var difference = swaps.Sum(s => s.New.PriceDifference);
        if (paymentMethods is null)
        {
            return new DialogStep.Call(Customer, ListPaymentMethods, Args());
        }
        if (paymentMethods.Count == 0)
        {
            goal.Done = true;
            return Say("I'm sorry, there's no payment method on your account for the price difference, so I can't set up the exchange. Is there anything else I can help with?");
        }
        goal.PaymentMethodId ??= paymentMethods.Count == 1 ? paymentMethods[0].Id : PaymentMethodIn(string.Join(" ", goal.Said))?.Id;
        var spokenDifference = difference switch
        {
            > 0 => $"The new items cost {SpokenTime.Money(difference)} more",
            < 0 => $"You'd get {SpokenTime.Money(-difference)} back",
            _ => "There's no price difference",
        };
        if (goal.PaymentMethodId is not { } methodId)
        {
            return Ask(Awaiting.PaymentMethod,
                $"{spokenDifference}. Which payment method should {(difference >= 0 ? "pay it" : "the refund go to")}: {List(paymentMethods.Select(Spoken), "or")}?");
        }

        var method = paymentMethods.First(m => m.Id == methodId);
        var settlement = difference switch
        {
            > 0 => $"{spokenDifference}, charged to your {method.Description}",
            < 0 => $"{spokenDifference}, to your {method.Description}",
            _ => spokenDifference,
        };
        var what = exchange
            ? $"exchange {List(swaps.Select(s => $"the {s.Item} for the {s.New.Name}"), "and")} from order {order.OrderNumber}"
            : $"change {List(swaps.Select(s => $"the {s.Item} to the {s.New.Name}"), "and")} in order {order.OrderNumber}; items can be changed only once, so that's everything";
        return Confirm(
            new DialogStep.Call(Orders, exchange ? ExchangeItems : ChangeItems, Args(
                ("orderNumber", order.OrderNumber),
                ("itemNames", swaps.Select(s => s.Item).ToArray()),
                ("newItemSkus", swaps.Select(s => s.New.Sku).ToArray()),
                ("paymentMethodId", methodId))),
            exchange ? "request that exchange" : "change those items",
            $"To confirm: {what}. {settlement}. Shall I go ahead?");
    }

    DialogStep AdvancePaymentChange(Goal goal, OrderDetails order)
    {
        if (order.Status is not ("pending" or "processing"))
        {
            goal.Done = true;
            return Say($"Order {order.OrderNumber} is {order.Status}, so its payment method can't be changed; only orders that haven't shipped yet can be. Is there anything else I can help with?");
        }
        if (paymentMethods is null)
        {
            return new DialogStep.Call(Customer, ListPaymentMethods, Args());
        }
        var others = paymentMethods.Where(m => m.Description != order.PaymentMethod).ToList();
        if (others.Count == 0)
        {
            goal.Done = true;
            return Say("There's no other payment method on your account to pay with. Is there anything else I can help with?");
        }
        goal.PaymentMethodId ??= PaymentMethodIn(string.Join(" ", goal.Said))?.Id;
        var current = order.PaymentMethod is null ? "" : $" instead of your {order.PaymentMethod}";
        if (goal.PaymentMethodId is not { } methodId)
        {
            return Ask(Awaiting.PaymentMethod,
                $"Order {order.OrderNumber} is {(order.PaymentMethod is null ? "paid" : $"paid with your {order.PaymentMethod}")}. Which payment method would you like to use instead: {List(others.Select(Spoken), "or")}?");
        }
        var method = paymentMethods.First(m => m.Id == methodId);
        if (method.Description == order.PaymentMethod)
        {
            goal.Done = true;
            return Say($"Order {order.OrderNumber} is already paid with your {method.Description}. Is there anything else I can help with?");
        }
        return Confirm(
            new DialogStep.Call(Orders, ChangePaymentMethod, Args(("orderNumber", order.OrderNumber), ("paymentMethodId", methodId))),
            "change the payment method",
            $"To confirm: pay order {order.OrderNumber}, {SpokenTime.Money(order.Total)}, with your {method.Description}{current}. Shall I go ahead?");
    }

    /// <summary>
    /// The variant the caller's words pick: the one with the most option values said aloud that the item does not
    /// already have, then the fewest other changes; null when the words name none of the variants' new values.
    /// </summary>
    static string? ChosenVariant(ExchangeOptionsListed options, string said)
    {
        var text = said.ToLowerInvariant();
        return options.Variants
            .Select(v => (v.Sku, Changed: v.Options.Where(o => !options.ItemOptions.TryGetValue(o.Key, out var current) || current != o.Value).ToList()))
            .Select(v => (v.Sku, Named: v.Changed.Count(o => SaysValue(text, o.Value)), Unnamed: v.Changed.Count(o => !SaysValue(text, o.Value))))
            .Where(v => v.Named > 0)
            .OrderByDescending(v => v.Named).ThenBy(v => v.Unnamed)
            .Select(v => v.Sku)
            .FirstOrDefault();
    }

    static bool SaysValue(string text, string value) =>
        value.Length > 0 && Regex.IsMatch(text, $@"(?<![a-z0-9]){Regex.Escape(value.ToLowerInvariant())}(?![a-z0-9])");

    /// <summary>"black or white finish; full size or compact": each option's values other than the item's own.</summary>
    static string DescribeChoices(ExchangeOptionsListed options) =>
        string.Join("; ", options.Variants.SelectMany(v => v.Options)
            .Where(o => !options.ItemOptions.TryGetValue(o.Key, out var current) || current != o.Value)
            .GroupBy(o => o.Key)
            .Select(g => $"{List(g.Select(o => o.Value).Distinct().Take(4), "or")} {g.Key}"));

    /// <summary>The payment method on file the caller's words name: by its last four digits, its kind, or its brand.</summary>
    PaymentMethod? PaymentMethodIn(string said)
    {
        if (paymentMethods is not { Count: > 0 } methods)
        {
            return null;
        }
        var text = said.ToLowerInvariant();
        var byDigits = methods.Where(m => Regex.Matches(m.Description, @"\d{4}").Any(d => text.Contains(d.Value, StringComparison.Ordinal))).ToList();
        if (byDigits.Count == 1)
        {
            return byDigits[0];
        }
        var kind = GiftCardWords().IsMatch(text) ? "gift_card" : PayPalWords().IsMatch(text) ? "paypal" : CardWords().IsMatch(text) ? "credit_card" : null;
        var byKind = methods.Where(m => m.Kind == kind).ToList();
        if (byKind.Count == 1)
        {
            return byKind[0];
        }
        var byBrand = methods.Where(m => text.Contains(m.Description.Split(' ')[0].ToLowerInvariant(), StringComparison.Ordinal)).ToList();
        return byBrand.Count == 1 ? byBrand[0] : null;
    }

    DialogStep OnExchangeOptions(ExchangeOptionsListed options)
    {
        exchangeOptions[Key(options.OrderNumber, options.Item)] = options;
        return Advance();
    }

    DialogStep OnPaymentMethods(PaymentMethodsListed listed)
    {
        paymentMethods = listed.Methods;
        return Advance();
    }

    DialogStep OnSwapped(ItemsSwapped swapped)
    {
        var settlement = swapped.PriceDifference switch
        {
            > 0 => $" The difference of {SpokenTime.Money(swapped.PriceDifference)} will be charged to your {swapped.PaymentMethod}.",
            < 0 => $" The difference of {SpokenTime.Money(-swapped.PriceDifference)} will be refunded to your {swapped.PaymentMethod}.",
            _ => "",
        };
        var done = swapped.Exchange
            ? $"I've requested the exchange of {List(swapped.Swaps, "and")} on order {swapped.OrderNumber}."
            : $"Order {swapped.OrderNumber} now has {ItemList(swapped.Order.Order.Items)}, {SpokenTime.Money(swapped.Order.Order.Total)} in total.";
        return Changed(swapped.Order, $"Done. {done}{settlement}");
    }

    /// <summary>"your Visa ending in 4242", "your gift card with $25.00 on it".</summary>
    static string Spoken(PaymentMethod method) =>
        method.Balance is { } balance ? $"your {method.Description} with {SpokenTime.Money(balance)} on it" : $"your {method.Description}";

    static string Key(long orderNumber, string item) => $"{orderNumber}/{item}";

    [GeneratedRegex(@"\bgift ?card\b")]
    private static partial Regex GiftCardWords();

    [GeneratedRegex(@"\bpay ?pal\b")]
    private static partial Regex PayPalWords();

    [GeneratedRegex(@"\b(credit|debit) card\b|\bcard ending\b|\bmy card\b")]
    private static partial Regex CardWords();
}
