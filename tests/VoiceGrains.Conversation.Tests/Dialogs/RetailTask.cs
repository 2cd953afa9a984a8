using System.Text.Json;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>
/// One tau-bench retail task: the customer, the ground-truth actions that change the database, and the facts the
/// agent must say.
/// </summary>
public sealed record RetailTask(string Id, string UserId, string Instruction, IReadOnlyList<JsonElement> Actions, IReadOnlyList<string> Outputs)
{
    static readonly HashSet<string> ReadOnly = ["find_user_id_by_name_zip", "find_user_id_by_email", "get_user_details", "get_order_details", "get_product_details", "list_all_product_types", "calculate"];

    public static IReadOnlyList<RetailTask> All(RetailData data) => data.Tasks.EnumerateArray().Select(t => new RetailTask(
        t.GetProperty("id").ToString(),
        t.GetProperty("user_id").GetString()!,
        t.GetProperty("instruction").GetString()!,
        t.GetProperty("actions").EnumerateArray().ToList(),
        t.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()!).ToList())).ToList();

    /// <summary>The actions that change something, in order.</summary>
    public IReadOnlyList<JsonElement> Changes => Actions.Where(a => !ReadOnly.Contains(Name(a))).ToList();

    /// <summary>The orders the ground truth looked at, in first-seen order: what a caller asks about for facts.</summary>
    public IReadOnlyList<string> OrdersLookedAt => Actions.Where(a => Name(a) == "get_order_details")
        .Select(a => Arguments(a).GetProperty("order_id").GetString()!).Where(id => id.StartsWith("#W", StringComparison.Ordinal)).Distinct().ToList();

    public static string Name(JsonElement action) => action.GetProperty("name").GetString()!;

    public static JsonElement Arguments(JsonElement action) => action.GetProperty("arguments");
}
