using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Conversation.Offline;

/// <summary>The task the caller is getting done, with the slot values gathered so far over several turns.</summary>
public sealed class Goal(Intent intent)
{
    public Intent Intent { get; } = intent;

    public long? OrderNumber { get; set; }

    /// <summary>Names of the order's items the caller chose; empty with <see cref="AllItems"/> for the whole order.</summary>
    public List<string> Items { get; } = [];

    public bool AllItems { get; set; }

    public RefundDestination? RefundTo { get; set; }

    /// <summary>An exchange's chosen variant for each item (item name → the new variant's SKU).</summary>
    public Dictionary<string, string> Exchanges { get; } = [];

    /// <summary>The caller's payment method (its id) that pays or receives an exchange's price difference.</summary>
    public long? PaymentMethodId { get; set; }

    /// <summary>A product or item as the caller named it ("the grills", "mechanical keyboard").</summary>
    public string? Product { get; set; }

    public string? CancelReason { get; set; }

    public string? Address { get; set; }

    public string? Email { get; set; }

    public string? Service { get; set; }

    public string? Staff { get; set; }

    public TimeExpression? When { get; set; }

    public long? SlotId { get; set; }

    public long? AppointmentId { get; set; }

    public string? Note { get; set; }

    public int? Rating { get; set; }

    /// <summary>The caller does not know the order number: list their orders first.</summary>
    public bool WantsOrderList { get; set; }

    /// <summary>How often the caller's order list was read out again for this goal because they could not name one.</summary>
    public int OrderListsRead { get; set; }

    /// <summary>"As soon as possible": search from today, no day needed.</summary>
    public bool Earliest { get; set; }

    /// <summary>Everything the caller said while on this goal, for details that can only be read once a result is in (item names).</summary>
    public List<string> Said { get; } = [];

    /// <summary>True once the function this goal was for has been called; the goal is then finished.</summary>
    public bool Done { get; set; }
}
