using System.Text.Json;
using System.Text.RegularExpressions;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>
/// A cooperative caller that plays one tau-bench task without a language model: it asks for each ground-truth
/// change in turn, answers the agent's questions from the task's own records (name and ZIP or email, order
/// number, items, refund destination, reason, address), says yes to confirmations, asks about the orders the
/// ground truth looked at (all of the caller's when it looked at none) when the task expects facts, then says goodbye. It stands in for tau-bench's LLM user,
/// which cannot run here; it knows nothing about the agent beyond what it hears.
/// </summary>
public sealed partial class RetailCaller
{
    readonly RetailTask task;
    readonly RetailData data;
    readonly bool strict;
    readonly JsonElement user;
    readonly Queue<string> requests = new();
    JsonElement? current;
    string? currentOrder;
    int misunderstood;

    /// <param name="strict">
    /// Say only what the task's instruction gives the persona: an order number only when the instruction has it (otherwise
    /// the caller says they don't have it and names the order by an item the instruction mentions, as the agent reads
    /// the orders out), and first try what the persona tries that the policy refuses (cancelling part of an order); the
    /// lenient caller says the ground truth's order numbers and tries nothing refused.
    /// </param>
    public RetailCaller(RetailTask task, RetailData data, bool strict)
    {
        this.task = task;
        this.data = data;
        this.strict = strict;
        user = data.Users.GetProperty(task.UserId);
        // What the persona wants to know, in the instruction's own words, is asked first: it decides what they do next.
        foreach (var question in PriceQuestions(task.Instruction))
        {
            requests.Enqueue(question);
        }
        // The strict caller also tries what its persona tries first that the policy refuses (a partial cancellation).
        if (strict && PartialCancellationWanted().IsMatch(task.Instruction))
        {
            requests.Enqueue("Can I cancel just some of the items in my order and keep the rest?");
        }
        foreach (var change in task.Changes)
        {
            requests.Enqueue(change.GetRawText());
        }
        // What the changes come to is asked once they are made.
        if (TotalDueWanted().IsMatch(task.Instruction))
        {
            requests.Enqueue("How much do I need to pay today in total?");
        }
        if (task.Outputs.Count > 0)
        {
            // Facts are asked for on the orders the ground truth looked at, or, when it looked at none, on all of the caller's.
            var orders = task.OrdersLookedAt.Count > 0 ? task.OrdersLookedAt : user.GetProperty("orders").EnumerateArray().Select(o => o.GetString()!).ToList();
            foreach (var order in orders)
            {
                requests.Enqueue(order);
            }
        }
    }

    bool UsesEmail => task.Instruction.Contains("email", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first line, or the next request after the agent asked "anything else?".</summary>
    public string NextRequest()
    {
        misunderstood = 0;
        if (!requests.TryDequeue(out var next))
        {
            current = null;
            return "No, that's all. Thank you, bye.";
        }
        if (next.EndsWith('?'))
        {
            current = null;
            currentOrder = null;
            return next;
        }
        if (!next.StartsWith('{'))
        {
            current = null;
            currentOrder = next;
            return KnowsNumber(next) ? $"Can you tell me about my order {next.TrimStart('#')}?"
                : NameOf(next) is { } item ? $"Can you tell me about my order with the {item}?" : "Can you tell me about my recent orders?";
        }

        current = JsonDocument.Parse(next).RootElement;
        var arguments = RetailTask.Arguments(current.Value);
        currentOrder = arguments.TryGetProperty("order_id", out var order) ? order.GetString() : null;
        var which = currentOrder is null ? "" : KnowsNumber(currentOrder) ? $"my order {currentOrder.TrimStart('#')}" : "an order";
        return RetailTask.Name(current.Value) switch
        {
            "cancel_pending_order" => $"I'd like to cancel {which}.",
            "return_delivered_order_items" => $"I'd like to return some items from {which}.",
            "exchange_delivered_order_items" => $"I'd like to exchange some items from {which}.",
            "modify_pending_order_address" => $"I need to change the shipping address on {which}.",
            "modify_user_address" => "I've moved, please change my address.",
            _ => "I need to undo the cancellation of my order. Can I speak to a person?",
        };
    }

    /// <summary>
    /// The price questions the instruction gives the persona: "you want to know what is the cheapest available
    /// mechanical keyboard" and "you also want to know the total prices for the grills you have paid for".
    /// </summary>
    static IEnumerable<string> PriceQuestions(string instruction)
    {
        foreach (Match cheapest in CheapestWanted().Matches(instruction))
        {
            yield return $"What's the cheapest {cheapest.Groups["product"].Value} you have available right now, and what are its options?";
        }
        foreach (Match total in TotalWanted().Matches(instruction))
        {
            yield return $"How much did I pay for the {total.Groups["items"].Value} in total?";
        }
    }

    // "If cancelling partial items is not possible…", "if you cannot cancel just the air purifier…", "if removing one item
    // is not possible…", "cancel the boot and keep the kettle".
    [GeneratedRegex(@"cancelling partial items|cancel just the|removing one item|\bcancel the \w+ and keep\b", RegexOptions.IgnoreCase)]
    private static partial Regex PartialCancellationWanted();

    [GeneratedRegex(@"want to know how much you need to pay today in total", RegexOptions.IgnoreCase)]
    private static partial Regex TotalDueWanted();

    [GeneratedRegex(@"want to know what is the cheapest (?:availabl?e )?(?<product>[a-z ]+?) (?:right now|and)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CheapestWanted();

    [GeneratedRegex(@"want to know the total (?:price|amount|cost)s? (?:for|of) the (?<items>[a-z ]+?) (?:you|that)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TotalWanted();

    /// <summary>Whether the persona may say this order's number: always for the lenient caller, else when the instruction has it.</summary>
    bool KnowsNumber(string orderId) => !strict || task.Instruction.Contains(orderId.TrimStart('#', 'W'), StringComparison.Ordinal);

    /// <summary>
    /// How the persona names an order without its number: by an item of it that the instruction mentions (by the last
    /// word of its product name, "grill"); null when the instruction mentions none of its items.
    /// </summary>
    string? NameOf(string orderId) =>
        data.Orders.GetProperty(orderId).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("name").GetString()!.ToLowerInvariant())
            .FirstOrDefault(name => Mentioned(name.Split(' ')[^1]));

    /// <summary>Whether the instruction names this item word; "book shelf" names a "bookshelf", as the persona would hear it.</summary>
    bool Mentioned(string word) =>
        word.Length > 3 && (Regex.IsMatch(task.Instruction, $@"\b{Regex.Escape(word)}(s|es)?\b", RegexOptions.IgnoreCase)
            || Regex.Replace(task.Instruction, @"[^A-Za-z0-9]", "").Contains(word.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase) && word.Length > 6);

    /// <summary>Of the orders the agent read out, the one whose items the instruction mentions most; null when none.</summary>
    static string? PickFromList(string agentSaid, Func<string, bool> mentioned) =>
        ListedOrder().Matches(agentSaid)
            .Select(listed => (Number: listed.Groups["number"].Value, Score: Regex.Matches(listed.Groups["items"].Value, @"[A-Za-z]+").Count(w => mentioned(w.Value))))
            .Where(o => o.Score > 0)
            .OrderByDescending(o => o.Score)
            .Select(o => o.Number)
            .FirstOrDefault();

    [GeneratedRegex(@"order (?<number>\d+), [a-z ()]+, with (?<items>.+?), for ")]
    private static partial Regex ListedOrder();

    /// <summary>
    /// What the caller says to <paramref name="agentSaid"/>; null when the call is over. <paramref name="latestText"/> is
    /// the newest text message on the persona's phone (the customer's number on file), which the persona holds.
    /// </summary>
    public string? Answer(string agentSaid, string? latestText)
    {
        var heard = agentSaid.ToLowerInvariant();
        if (heard.Contains("transferring you") || heard.Contains("goodbye"))
        {
            return null;
        }
        if (heard.Contains("how would you rate"))
        {
            return "Five.";
        }
        if (heard.Contains("one more check"))
        {
            return "Please text me a code.";
        }
        if (heard.Contains("full name and zip") || heard.Contains("verify your identity") || heard.Contains("couldn't find an account"))
        {
            return UsesEmail
                ? $"My email is {user.GetProperty("email").GetString()}."
                : $"My name is {RetailData.FullName(user)} and my zip code is {Zip}.";
        }
        if (heard.Contains("what is the code"))
        {
            return Regex.Match(latestText ?? "", @"\b\d{6}\b") is { Success: true } code ? $"It's {code.Value}." : "I didn't get a text.";
        }
        if (heard.Contains("and your full name"))
        {
            return RetailData.FullName(user);
        }
        if (heard.Contains("zip code on your account"))
        {
            return Zip;
        }
        if (heard.Contains("which one is it about") && currentOrder is not null && !KnowsNumber(currentOrder))
        {
            // The persona knows which item the request is about ("cancel the order with the skateboard"), so it picks
            // the listed order with that item; failing that, the one whose items its instruction mentions most.
            var item = NameOf(currentOrder);
            return PickFromList(agentSaid, item is null ? Mentioned : word => string.Equals(word, item.Split(' ')[^1], StringComparison.OrdinalIgnoreCase)) is { } picked
                ? $"It's order {picked}."
                : item is not null ? $"The one with the {item}." : "I'm not sure which one.";
        }
        if ((heard.Contains("order number") || heard.Contains("which one is it about")) && currentOrder is not null)
        {
            return KnowsNumber(currentOrder) ? $"It's order {currentOrder.TrimStart('#')}." : "I don't have the order number.";
        }
        if (heard.Contains("which items would you like to return"))
        {
            return ItemsToReturn();
        }
        if (heard.Contains("which items would you like to exchange"))
        {
            return ItemsToExchange();
        }
        if (heard.Contains("what would you like instead of"))
        {
            return NewVariantOf(agentSaid);
        }
        if (heard.Contains("which payment method"))
        {
            var id = RetailTask.Arguments(current!.Value).GetProperty("payment_method_id").GetString()!;
            return $"My {RetailData.PaymentDescription(user.GetProperty("payment_methods").GetProperty(id))}, please.";
        }
        if (heard.Contains("refund go to"))
        {
            var method = RetailTask.Arguments(current!.Value).GetProperty("payment_method_id").GetString();
            return method == data.OriginalPayment(currentOrder!) ? "Back to my original payment method, please." : "To a gift card, please.";
        }
        if (heard.Contains("why you'd like to cancel"))
        {
            return RetailTask.Arguments(current!.Value).GetProperty("reason").GetString() == "ordered by mistake"
                ? "I ordered it by mistake."
                : "I no longer need it.";
        }
        if (heard.Contains("new shipping address") || heard.Contains("what's your new address"))
        {
            return $"The new address is {RetailData.Address(RetailTask.Arguments(current!.Value))}.";
        }
        if (heard.Contains("to confirm") || heard.Contains("shall i") || heard.Contains("is that right"))
        {
            return "Yes.";
        }
        if (heard.Contains("didn't quite get that") && misunderstood++ == 0 && current is not null)
        {
            requests.Enqueue(current.Value.GetRawText());
        }
        return NextRequest();
    }

    string Zip => user.GetProperty("address").GetProperty("zip").GetString()!;

    /// <summary>"The Laptop, 15-inch, i5, … for the one with i7, 8GB, 1TB SSD and black": each item, and the options its new variant changes.</summary>
    string ItemsToExchange() =>
        string.Join(" And ", Exchanged().Select(e => $"The {e.Old} for the one with {Changes(e.OldId, e.NewId)}")) + ".";

    /// <summary>The new options of the item the agent asks about ("What would you like instead of the Laptop, …?").</summary>
    string NewVariantOf(string agentSaid)
    {
        var exchange = Exchanged().FirstOrDefault(e => agentSaid.Contains(e.Old, StringComparison.Ordinal));
        return exchange.Old is null ? "I'm not sure." : $"The one with {Changes(exchange.OldId, exchange.NewId)}.";
    }

    /// <summary>The current exchange's items: each old item's id and name with the new variant's id.</summary>
    List<(string OldId, string Old, string NewId)> Exchanged()
    {
        var arguments = RetailTask.Arguments(current!.Value);
        return arguments.GetProperty("item_ids").EnumerateArray().Zip(arguments.GetProperty("new_item_ids").EnumerateArray())
            .Select(p => (p.First.GetString()!, data.Orders.GetProperty(currentOrder!).GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("item_id").GetString() == p.First.GetString()).Select(RetailData.ProductName).First(), p.Second.GetString()!))
            .ToList();
    }

    /// <summary>"clicky switch type and none backlight": the values the new variant has that the old one does not.</summary>
    string Changes(string oldId, string newId)
    {
        var old = data.Variant(oldId).GetProperty("options");
        var changed = data.Variant(newId).GetProperty("options").EnumerateObject()
            .Where(o => !old.TryGetProperty(o.Name, out var value) || value.ToString() != o.Value.ToString())
            .Select(o => $"{o.Value} {o.Name}").ToList();
        return string.Join(" and ", changed);
    }

    string ItemsToReturn()
    {
        var order = data.Orders.GetProperty(currentOrder!);
        var all = order.GetProperty("items").EnumerateArray().ToList();
        var wanted = RetailTask.Arguments(current!.Value).GetProperty("item_ids").EnumerateArray().Select(i => i.GetString()).ToList();
        if (wanted.Count == all.Count)
        {
            return "Everything in that order.";
        }
        var names = all.Where(i => wanted.Contains(i.GetProperty("item_id").GetString())).Select(i => $"the {RetailData.ProductName(i)}").Distinct().ToList();
        return string.Join(" and ", names) + ".";
    }
}
