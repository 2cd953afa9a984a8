using System.Text.Json;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>
/// Judges a task as tau-bench does: the database must end exactly as the ground-truth actions leave it (nothing
/// else changed), and every expected fact must have been said (compared without case and commas). A task whose
/// ground truth transfers the caller must also end transferred.
/// </summary>
public static class RetailJudge
{
    public static RetailState Expected(RetailState initial, RetailTask task, RetailData data)
    {
        var expected = initial.Copy();
        foreach (var change in task.Changes)
        {
            var arguments = RetailTask.Arguments(change);
            switch (RetailTask.Name(change))
            {
                case "cancel_pending_order":
                {
                    var number = RetailData.OrderNumber(arguments.GetProperty("order_id").GetString()!);
                    expected.Orders[number] = ("cancelled", arguments.GetProperty("reason").GetString(), expected.Orders[number].Address);
                    break;
                }
                case "modify_pending_order_address":
                {
                    var number = RetailData.OrderNumber(arguments.GetProperty("order_id").GetString()!);
                    expected.Orders[number] = expected.Orders[number] with { Address = RetailData.Address(arguments) };
                    break;
                }
                case "modify_user_address":
                {
                    var name = RetailData.FullName(data.Users.GetProperty(arguments.GetProperty("user_id").GetString()!));
                    expected.Customers[name] = expected.Customers[name] with { Address = RetailData.Address(arguments) };
                    break;
                }
                case "return_delivered_order_items":
                {
                    var orderId = arguments.GetProperty("order_id").GetString()!;
                    var lines = Lines(data, arguments);
                    var refundTo = arguments.GetProperty("payment_method_id").GetString() == data.OriginalPayment(orderId) ? "original_payment" : "gift_card";
                    expected.Returns[RetailData.OrderNumber(orderId)] = (string.Join(",", lines.Order()), refundTo);
                    break;
                }
                case "exchange_delivered_order_items":
                {
                    var lines = Lines(data, arguments);
                    var newItems = arguments.GetProperty("new_item_ids").EnumerateArray().Select(i => i.GetString()!).ToList();
                    expected.Exchanges[RetailData.OrderNumber(arguments.GetProperty("order_id").GetString()!)] = (
                        string.Join(",", lines.Order()),
                        string.Join(",", lines.Zip(newItems).OrderBy(p => p.First).Select(p => p.Second)),
                        arguments.GetProperty("payment_method_id").GetString()!);
                    break;
                }
            }
        }
        return expected;
    }

    /// <summary>The order's line numbers of the ground truth's item ids, in their order (the same item twice is two lines).</summary>
    static List<int> Lines(RetailData data, JsonElement arguments)
    {
        var items = data.Orders.GetProperty(arguments.GetProperty("order_id").GetString()!).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("item_id").GetString()).ToList();
        var lines = new List<int>();
        foreach (var item in arguments.GetProperty("item_ids").EnumerateArray().Select(i => i.GetString()))
        {
            lines.Add(Enumerable.Range(0, items.Count).First(i => items[i] == item && !lines.Contains(i + 1)) + 1);
        }
        return lines;
    }

    public static List<string> Problems(RetailState expected, RetailState actual, RetailTask task, string everythingSaid, bool transferred)
    {
        var problems = actual.DifferencesFrom(expected);
        var said = everythingSaid.ToLowerInvariant().Replace(",", "", StringComparison.Ordinal);
        problems.AddRange(task.Outputs.Where(o => !said.Contains(o.ToLowerInvariant().Replace(",", "", StringComparison.Ordinal))).Select(o => $"never said {o}"));
        var shouldTransfer = task.Changes.Any(c => RetailTask.Name(c) == "transfer_to_human_agents");
        if (shouldTransfer != transferred)
        {
            problems.Add(shouldTransfer ? "not transferred" : "transferred without need");
        }
        return problems;
    }
}
