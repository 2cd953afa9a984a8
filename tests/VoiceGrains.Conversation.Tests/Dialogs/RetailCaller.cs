using System.Text.Json;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>
/// A cooperative caller that plays one tau-bench task without a language model: it asks for each ground-truth
/// change in turn, answers the agent's questions from the task's own records (name and ZIP or email, order
/// number, items, refund destination, reason, address), says yes to confirmations, asks about the orders the
/// ground truth looked at (all of the caller's when it looked at none) when the task expects facts, then says goodbye. It stands in for tau-bench's LLM user,
/// which cannot run here; it knows nothing about the agent beyond what it hears.
/// </summary>
public sealed class RetailCaller
{
    readonly RetailTask task;
    readonly RetailData data;
    readonly JsonElement user;
    readonly Queue<string> requests = new();
    JsonElement? current;
    string? currentOrder;
    int misunderstood;

    public RetailCaller(RetailTask task, RetailData data)
    {
        this.task = task;
        this.data = data;
        user = data.Users.GetProperty(task.UserId);
        foreach (var change in task.Changes)
        {
            requests.Enqueue(change.GetRawText());
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
        if (!next.StartsWith('{'))
        {
            current = null;
            currentOrder = next;
            return $"Can you tell me about my order {next.TrimStart('#')}?";
        }

        current = JsonDocument.Parse(next).RootElement;
        var arguments = RetailTask.Arguments(current.Value);
        currentOrder = arguments.TryGetProperty("order_id", out var order) ? order.GetString() : null;
        return RetailTask.Name(current.Value) switch
        {
            "cancel_pending_order" => $"I'd like to cancel my order {currentOrder!.TrimStart('#')}.",
            "return_delivered_order_items" => $"I'd like to return some items from my order {currentOrder!.TrimStart('#')}.",
            "modify_pending_order_address" => $"I need to change the shipping address on my order {currentOrder!.TrimStart('#')}.",
            "modify_user_address" => "I've moved, please change my address.",
            _ => "I need to undo the cancellation of my order. Can I speak to a person?",
        };
    }

    /// <summary>What the caller says to <paramref name="agentSaid"/>; null when the call is over.</summary>
    public string? Answer(string agentSaid)
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
        if (heard.Contains("full name and zip") || heard.Contains("verify your identity") || heard.Contains("couldn't find an account"))
        {
            return UsesEmail
                ? $"My email is {user.GetProperty("email").GetString()}."
                : $"My name is {RetailData.FullName(user)} and my zip code is {Zip}.";
        }
        if (heard.Contains("and your full name"))
        {
            return RetailData.FullName(user);
        }
        if (heard.Contains("zip code on your account"))
        {
            return Zip;
        }
        if ((heard.Contains("order number") || heard.Contains("which one is it about")) && currentOrder is not null)
        {
            return $"It's order {currentOrder.TrimStart('#')}.";
        }
        if (heard.Contains("which items would you like to return"))
        {
            return ItemsToReturn();
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
