using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// Price questions the functions answer with arithmetic done in code: what the caller paid for items of a kind across
/// their orders ("how much did I pay for the grills?"), what the exchanges of this call come to ("how much do I pay
/// today in total?"), and the cheapest variant of a product on sale now ("what's the cheapest mechanical keyboard you
/// have?"). The engine says the function's figures; it adds nothing up itself.
/// </summary>
public sealed partial class OfflineDialog
{
    DialogStep AdvancePrice(Goal goal)
    {
        if (goal.Product is not { Length: > 0 } product)
        {
            return Ask(Awaiting.Product, goal.Intent == Intent.ItemsTotal ? "Which items would you like the total for?" : "Which product would you like the price of?");
        }
        return goal.Intent == Intent.ItemsTotal
            ? new DialogStep.Call(Orders, ItemsTotal, Args(("itemName", product)))
            : new DialogStep.Call(Products, FindCheapest, Args(("product", product)));
    }

    static string DescribeTotal(ItemsTotalled totalled)
    {
        var items = totalled.Items
            .Select(i => $"{(i.Quantity > 1 ? $"{i.Quantity} × " : "the ")}{i.Name} at {SpokenTime.Money(i.UnitPrice)} in order {i.OrderNumber}")
            .ToList();
        var what = totalled.Items.Count == 1 && totalled.Items[0].Quantity == 1 ? "that comes to" : "together they come to";
        return $"You paid for {List(items, "and")}; {what} {SpokenTime.Money(totalled.Total)}. Is there anything else I can help with?";
    }

    static string DescribeSwapsTotal(SwapsTotalled totalled)
    {
        var each = totalled.Swaps
            .Select(s => s.PriceDifference >= 0
                ? $"{SpokenTime.Money(s.PriceDifference)} to pay for order {s.OrderNumber}"
                : $"{SpokenTime.Money(-s.PriceDifference)} back for order {s.OrderNumber}")
            .ToList();
        var total = totalled.Total >= 0 ? $"{SpokenTime.Money(totalled.Total)} to pay in total" : $"{SpokenTime.Money(-totalled.Total)} back in total";
        return $"For the exchanges on this call: {List(each, "and")}; that's {total}. Is there anything else I can help with?";
    }

    static string DescribeCheapest(CheapestProductFound found)
    {
        var options = found.Cheapest.Options.Select(o => $"{o.Key} {o.Value}").ToList();
        var others = found.AvailableVariants > 1 ? $" It's the cheapest of the {found.AvailableVariants} we have available." : "";
        return $"The cheapest one we have available is the {found.Cheapest.Name}, at {SpokenTime.Money(found.Cheapest.Price)}"
            + (options.Count > 0 ? $": {List(options, "and")}." : ".") + others + " Is there anything else I can help with?";
    }

    /// <summary>The product or item a price question names: "the cheapest <b>mechanical keyboard</b> right now", "pay for <b>the grills</b>".</summary>
    static string? ProductIn(string text) =>
        PricedThing().Match(text) is { Success: true } match && match.Groups["thing"].Value.Trim() is { Length: > 1 } thing ? thing : null;

    // What follows the words of a price question, up to where the thing's name ends ("right now", "you have", "and its
    // options", "in total", punctuation).
    [GeneratedRegex(@"\b(?:cheapest|least expensive|lowest[- ]priced?|(?:pay|paid|spend|spent) (?:for|on)|total (?:price|cost|amount)s? (?:for|of))\s+(?:(?:one|available|of|the|my|your|those|these|all)\s+)*(?<thing>[a-z][a-z0-9\- ]*?)(?=\s+(?:right now|you (?:have|sell|carry|got)|you've got|that|which|and|in total|altogether|in all|together|in stock|available|now|currently|i\b|we\b|from|on|in my|in your)\b|\s*[,.?!;]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex PricedThing();
}
