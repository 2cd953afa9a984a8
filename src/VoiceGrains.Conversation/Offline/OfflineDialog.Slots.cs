using System.Globalization;
using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Understanding;

namespace VoiceGrains.Conversation.Offline;

/// <summary>Filling the goal's slots from a caller line, and knowing whether the line answered the last question.</summary>
public sealed partial class OfflineDialog
{
    /// <summary>True when the line gives what the last question asked for, so it is not read as a new task.</summary>
    bool Answers(Utterance heard) => awaiting switch
    {
        Awaiting.OrderNumber => OrderNumberIn(heard) is not null || DoesNotKnow(heard.Text),
        Awaiting.Identity or Awaiting.Name or Awaiting.Zip => heard.FullName is not null || heard.Zip is not null || heard.Email is not null || heard.Numbers.Any(n => n.Length == 5),
        Awaiting.Items => heard.Everything || lastOrder is { } order && ItemMatcher.Match(order.Order.Items, heard.Text).Items.Count > 0,
        Awaiting.RefundDestination => heard.RefundTo is not null,
        Awaiting.Variant => !heard.Has(Intent.No) && heard.Intents.All(i => !IsTask(i) || i == Intent.ExchangeOrder),
        Awaiting.PaymentMethod => PaymentMethodIn(heard.Text) is not null,
        Awaiting.SecondFactor => heard.FullName is not null || heard.Zip is not null || heard.Email is not null || heard.Numbers.Any(n => n.Length == 5),
        Awaiting.Code => CodeIn(heard) is not null,
        Awaiting.CancelReason => !heard.Has(Intent.No),
        Awaiting.Product => !heard.Has(Intent.No) && heard.Intents.All(i => !IsTask(i) || i == goal?.Intent),
        Awaiting.Address => heard.Address is not null || heard.Text.Any(char.IsAsciiDigit),
        Awaiting.Email => heard.Email is not null,
        Awaiting.Service => ServiceIn(heard.Text) is not null,
        Awaiting.Day or Awaiting.CallbackTime => !heard.When.IsEmpty || IsEarliest(heard.Text),
        Awaiting.SlotChoice => SlotIn(heard) is not null,
        Awaiting.AppointmentChoice => AppointmentIn(heard) is not null,
        Awaiting.Note => true,
        Awaiting.Rating => RatingIn(heard) is not null,
        _ => false,
    };

    void Fill(Goal goal, Utterance heard)
    {
        goal.Said.Add(heard.Text);
        goal.OrderNumber = OrderNumberIn(heard) ?? goal.OrderNumber;
        if (awaiting == Awaiting.OrderNumber && DoesNotKnow(heard.Text))
        {
            goal.WantsOrderList = true;
        }
        goal.AllItems |= heard.Everything;
        goal.RefundTo = heard.RefundTo ?? goal.RefundTo;
        goal.CancelReason = heard.CancelReason ?? (awaiting == Awaiting.CancelReason ? heard.Text.Trim().TrimEnd('.') : null) ?? goal.CancelReason;
        goal.Address = heard.Address ?? (awaiting == Awaiting.Address && heard.Text.Any(char.IsAsciiDigit) ? heard.Text.Trim().TrimEnd('.') : null) ?? goal.Address;
        goal.Email = heard.Email ?? goal.Email;
        goal.Product = ProductIn(heard.Text) ?? (awaiting == Awaiting.Product ? heard.Text.Trim().TrimEnd('.', '?', '!') : null) ?? goal.Product;
        goal.Service = ServiceIn(heard.Text) ?? goal.Service;
        goal.Staff = StaffIn(heard.Text) ?? goal.Staff;
        goal.Earliest |= IsEarliest(heard.Text);
        if (!heard.When.IsEmpty)
        {
            var previous = goal.When;
            goal.When = heard.When with
            {
                From = heard.When.From ?? previous?.From,
                To = heard.When.To ?? previous?.To,
                PartOfDay = heard.When.PartOfDay == Functions.PartOfDay.Any ? previous?.PartOfDay ?? Functions.PartOfDay.Any : heard.When.PartOfDay,
            };
        }
        if (awaiting == Awaiting.SlotChoice || offered.Count > 0 && goal.SlotId is null)
        {
            goal.SlotId = SlotIn(heard)?.SlotId ?? goal.SlotId;
        }
        if (heard.When.From is not null && offered.Count > 0 && SlotIn(heard) is null && goal.SlotId is not null)
        {
            goal.SlotId = null;
        }
        goal.AppointmentId = AppointmentIn(heard)?.AppointmentId ?? goal.AppointmentId;
        goal.Note = awaiting == Awaiting.Note ? heard.Text.Trim() : NoteIn(heard.Text) ?? goal.Note;
        goal.Rating = RatingIn(heard) is { } rating && (goal.Intent == Intent.Rate || awaiting == Awaiting.Rating) ? rating : goal.Rating;
    }

    // "My order with the skateboard" names an order of the list read out by its item, whatever order was discussed last.
    long? OrderNumberIn(Utterance heard) =>
        heard.OrderNumber ?? (awaiting == Awaiting.OrderNumber
            ? heard.Numbers.Where(n => n.Length is >= 4 and <= 9).Select(n => (long?)long.Parse(n, CultureInfo.InvariantCulture)).FirstOrDefault()
                ?? ListedOrderIn(heard.Text)
            : OrderByItem().IsMatch(heard.Text) ? ListedOrderIn(heard.Text) : null);

    /// <summary>"The first one", "the latest", "the one with the lamp": an order from the list just read out.</summary>
    long? ListedOrderIn(string text)
    {
        if (recentOrders is not { Count: > 0 } listed)
        {
            return null;
        }
        var lower = text.ToLowerInvariant();
        if (Regex.IsMatch(lower, @"\b(latest|most recent|newest)\b"))
        {
            return listed[0].OrderNumber;
        }
        if (Regex.IsMatch(lower, @"\b(last|oldest)\b"))
        {
            return listed[Math.Min(listed.Count, 3) - 1].OrderNumber;
        }
        var index = Array.FindIndex(Ordinals, o => Regex.IsMatch(lower, $@"\b{o}\b"));
        if (index >= 0 && index < listed.Count)
        {
            return listed[index].OrderNumber;
        }
        // "The one with the tablet": the one order with an item of that name.
        var byItem = listed.Where(o => o.ItemNames.Any(name => ItemMatcher.Mentions(lower, name))).ToList();
        return byItem.Count == 1 ? byItem[0].OrderNumber : null;
    }

    static bool DoesNotKnow(string text) => DoNotKnow().IsMatch(text);

    static bool IsEarliest(string text) => EarliestPhrase().IsMatch(text);

    static string? NoteIn(string text) => NotePhrase().Match(text) is { Success: true } match ? match.Groups["note"].Value.Trim().TrimEnd('.') : null;

    [GeneratedRegex(@"\b(don't|do not|dont) (have|know|remember)|\bno idea\b|\bnot sure\b|\bcan't find\b", RegexOptions.IgnoreCase)]
    private static partial Regex DoNotKnow();

    [GeneratedRegex(@"\b(earliest|soonest|as soon as possible|first available|next available|asap)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EarliestPhrase();

    [GeneratedRegex(@"\b(order|one) with (the|my|a|an) ", RegexOptions.IgnoreCase)]
    private static partial Regex OrderByItem();

    [GeneratedRegex(@"\b(?:note (?:that|down)|please note|make a note(?: that)?|add a note(?: that| saying)?)[:,]?\s+(?<note>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotePhrase();
}
