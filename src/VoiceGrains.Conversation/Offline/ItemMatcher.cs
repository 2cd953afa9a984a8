using System.Text.RegularExpressions;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// Which of an order's items a caller means: an item is named by its product name or that name's last word
/// ("the lamp", "both skateboards"); "everything except the kettle" names all the others. When the caller says
/// an item's whole name with its options ("skateboard, maple, 34 inch"), only items named that fully count.
/// </summary>
public static partial class ItemMatcher
{
    public static (IReadOnlyList<OrderItem> Items, bool Everything) Match(IReadOnlyList<OrderItem> items, string text)
    {
        var lower = text.ToLowerInvariant();
        var exception = Exception().Match(lower);
        var included = exception.Success ? lower[..exception.Index] : lower;
        var excluded = exception.Success ? lower[exception.Index..] : "";
        if (exception.Success || Everything().IsMatch(included))
        {
            return (items.Where(i => !Mentions(excluded, i)).ToList(), true);
        }
        var fully = items.Where(i => included.Contains(i.Name.ToLowerInvariant(), StringComparison.Ordinal)).ToList();
        return (fully.Count > 0 ? fully : items.Where(i => Mentions(included, i)).ToList(), false);
    }

    static bool Mentions(string text, OrderItem item) => Mentions(text, item.Name);

    /// <summary>Whether lower-case <paramref name="text"/> names the product <paramref name="productName"/> ("the lamp").</summary>
    public static bool Mentions(string text, string productName)
    {
        if (text.Length == 0)
        {
            return false;
        }
        var name = BaseName(productName);
        // "book shelf" for a "bookshelf", "e reader" for an "e-reader": spoken words split and join names freely.
        if (text.Contains(name, StringComparison.Ordinal) || Squeezed(text).Contains(Squeezed(name), StringComparison.Ordinal))
        {
            return true;
        }
        var head = name.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        return head.Length > 3 && Regex.IsMatch(text, $@"\b{Regex.Escape(head)}(s|es)?\b");
    }

    static string Squeezed(string text) => new([.. text.Where(char.IsLetterOrDigit)]);

    /// <summary>"Water Bottle (1000ml, red)" → "water bottle".</summary>
    public static string BaseName(string name)
    {
        var end = name.IndexOfAny(['(', ',']);
        return (end < 0 ? name : name[..end]).Trim().ToLowerInvariant();
    }

    [GeneratedRegex(@"\b(except|but not|other than|apart from|besides|but the|but a|but my|but one)\b")]
    private static partial Regex Exception();

    [GeneratedRegex(@"\b(everything|all of (it|them)|all the items|all items|the whole order|entire order|all of the items|all)\b")]
    private static partial Regex Everything();
}
