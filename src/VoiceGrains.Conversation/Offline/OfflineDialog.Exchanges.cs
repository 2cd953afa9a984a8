using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Data.Orders;
using VoiceGrains.Data.Payments;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// Exchanges: which items, which variant of each (read from the options the caller names: "the one with clicky
/// switches", "in black"), which payment method pays or receives the difference, then a confirmation that says
/// the difference before anything is requested.
/// </summary>
public sealed partial class OfflineDialog
{
    readonly Dictionary<string, ExchangeOptionsListed> exchangeOptions = [];
    IReadOnlyList<PaymentMethod>? paymentMethods;

    DialogStep AdvanceExchange(Goal goal, OrderDetails order)
    {
        if (order.Status != "delivered")
        {
            goal.Done = true;
            return Say($"Order {order.OrderNumber} is {order.Status}, so it can't be exchanged; only delivered orders can be. Is there anything else I can help with?");
        }
        if (order.ReturnRequested || order.ExchangeRequested)
        {
            goal.Done = true;
            return Say($"Order {order.OrderNumber} already has {(order.ReturnRequested ? "a return" : "an exchange")} open, and an order can be exchanged or returned once. Is there anything else I can help with?");
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
                return Ask(Awaiting.Items, $"Which items would you like to exchange, and for what? The order has {ItemList(order.Items)}.");
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
                $"{spokenDifference}. Which payment method should {(difference >= 0 ? "pay it" : "the refund go to")}: {List(paymentMethods.Select(m => $"your {m.Description}"), "or")}?");
        }

        var method = paymentMethods.First(m => m.Id == methodId);
        var settlement = difference switch
        {
            > 0 => $"{spokenDifference}, charged to your {method.Description}",
            < 0 => $"{spokenDifference}, to your {method.Description}",
            _ => spokenDifference,
        };
        return Confirm(
            new DialogStep.Call(Orders, ExchangeItems, Args(
                ("orderNumber", order.OrderNumber),
                ("itemNames", swaps.Select(s => s.Item).ToArray()),
                ("newItemSkus", swaps.Select(s => s.New.Sku).ToArray()),
                ("paymentMethodId", methodId))),
            "request that exchange",
            $"To confirm: exchange {List(swaps.Select(s => $"the {s.Item} for the {s.New.Name}"), "and")} from order {order.OrderNumber}. {settlement}. Shall I go ahead?");
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

    DialogStep OnExchanged(ItemsExchanged exchanged)
    {
        var settlement = exchanged.PriceDifference switch
        {
            > 0 => $" The difference of {SpokenTime.Money(exchanged.PriceDifference)} will be charged to your {exchanged.PaymentMethod}.",
            < 0 => $" The difference of {SpokenTime.Money(-exchanged.PriceDifference)} will be refunded to your {exchanged.PaymentMethod}.",
            _ => "",
        };
        return Changed(exchanged.Order, $"Done. I've requested the exchange of {List(exchanged.Exchanges, "and")} on order {exchanged.OrderNumber}.{settlement}");
    }

    static string Key(long orderNumber, string item) => $"{orderNumber}/{item}";

    [GeneratedRegex(@"\bgift ?card\b")]
    private static partial Regex GiftCardWords();

    [GeneratedRegex(@"\bpay ?pal\b")]
    private static partial Regex PayPalWords();

    [GeneratedRegex(@"\b(credit|debit) card\b|\bcard ending\b|\bmy card\b")]
    private static partial Regex CardWords();
}
