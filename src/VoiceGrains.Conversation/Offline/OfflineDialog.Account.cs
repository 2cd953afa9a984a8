using System.Globalization;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>The caller's account: email, address, notes and callbacks; and every result turned into words.</summary>
public sealed partial class OfflineDialog
{
    DialogStep AdvanceAccount(Goal goal)
    {
        switch (goal.Intent)
        {
            case Intent.UpdateEmail:
                return goal.Email is { } email
                    ? Finish(new DialogStep.Call(Customer, UpdateEmail, Args(("email", email))))
                    : Ask(Awaiting.Email, "What's the new email address?");
            case Intent.UpdateAddress:
                return goal.Address is { } address
                    ? Confirm(new DialogStep.Call(Customer, UpdateAddress, Args(("address", address))), "change your address", $"To confirm: change your address on file to {address}. Is that right?")
                    : Ask(Awaiting.Address, "What's your new address, including the ZIP code?");
            case Intent.AddNote:
                return goal.Note is { } note
                    ? Finish(new DialogStep.Call(Customer, AddNote, Args(("note", note))))
                    : Ask(Awaiting.Note, "What would you like me to note on your account?");
            case Intent.Callback:
                if (goal.When is not { From: { } day, At: { } at })
                {
                    return Ask(Awaiting.CallbackTime, "When should we call you back? Please give me a day and a time.");
                }
                var when = day.ToDateTime(at).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
                return Finish(new DialogStep.Call(Customer, RequestCallback, Args(("when", when), ("reason", string.Join(" ", goal.Said)))));
            default:
                goal.Done = true;
                return Say($"Sorry, I can't help with that myself. {Menu} Or I can transfer you to a person.");
        }
    }

    DialogStep OnBusinessResult(object? result)
    {
        if (goal is not null && result is ItemsTotalled or SwapsTotalled or CheapestProductFound or OrderCancelled or ReturnStarted or ItemsSwapped or PaymentMethodChanged or ShippingAddressChanged or AppointmentBooked or AppointmentMoved
            or AppointmentCancelled or AppointmentConfirmed or ContactUpdated or NoteAdded or CallbackScheduled)
        {
            goal.Done = true;
        }
        return result switch
        {
            ItemsTotalled totalled => Say(DescribeTotal(totalled)),
            SwapsTotalled swaps => Say(DescribeSwapsTotal(swaps)),
            CheapestProductFound cheapest => Say(DescribeCheapest(cheapest)),
            OrderListing listing => OnOrderListing(listing),
            OrderView view => OnOrderView(view),
            ExchangeOptionsListed options => OnExchangeOptions(options),
            PaymentMethodsListed methods => OnPaymentMethods(methods),
            ItemsSwapped swapped => OnSwapped(swapped),
            PaymentMethodChanged changed => Changed(changed.Order, $"Done. Order {changed.OrderNumber} will now be paid with your {changed.PaymentMethod}."),
            OrderCancelled cancelled => Changed(cancelled.Order, $"Done. Order {cancelled.OrderNumber} is now {cancelled.Order.Order.Status}."),
            ReturnStarted started => Changed(started.Order, $"Your return is started for {List(started.Items, "and")}. You'll get {SpokenTime.Money(started.RefundAmount)} back to your {(started.RefundTo == "gift_card" ? "gift card" : "original payment method")} once we receive them.{(started.KeptAmount > 0 ? $" The items you keep come to {SpokenTime.Money(started.KeptAmount)}." : "")}"),
            ShippingAddressChanged changed => Changed(changed.Order, $"Done. Order {changed.OrderNumber} is {changed.Order.Order.Status} and will now ship to {changed.Order.Order.ShippingAddress}."),
            ContactUpdated updated => Say($"Done, your {updated.Field} is now {updated.Value}. Is there anything else I can help with?"),
            NoteAdded => Say("I've added that note to your account. Is there anything else I can help with?"),
            CallbackScheduled callback => Say($"Okay, someone from our team will call you back on {callback.When}. Is there anything else I can help with?"),
            ServiceListing services => OnServiceListing(services),
            SlotOffer offer => OnSlotOffer(offer),
            SlotTaken taken => OnSlotTaken(taken),
            AppointmentBooked booked => Say($"You're all set: a {booked.Slot.Service.ToLowerInvariant()} on {booked.Slot.When} with {booked.Slot.Staff}. Is there anything else I can help with?"),
            AppointmentListing appointments => OnAppointmentListing(appointments),
            AppointmentMoved moved => Say($"Done. Your {moved.Slot.Service.ToLowerInvariant()} is now on {moved.Slot.When} with {moved.Slot.Staff}. Is there anything else I can help with?"),
            AppointmentConfirmed confirmed => Say($"Thank you, your {confirmed.Slot.Service.ToLowerInvariant()} on {confirmed.Slot.When} with {confirmed.Slot.Staff} is confirmed. Is there anything else I can help with?"),
            AppointmentCancelled cancelled => Say($"Your {cancelled.Slot.Service.ToLowerInvariant()} on {cancelled.Slot.When} is cancelled. Is there anything else I can help with?"),
            OpenNow { IsOpen: true } open => Say($"Yes, we're open right now, until {open.ClosesAt} today. Is there anything else I can help with?"),
            OpenNow closed => Say($"We're closed right now. We open again on {closed.NextOpening}. Is there anything else I can help with?"),
            DayHours day => Say($"{DescribeDay(day)} Is there anything else I can help with?"),
            HolidayListing { Holidays.Count: 0 } => Say("There are no holidays in the next three months; we keep our usual hours. Is there anything else I can help with?"),
            HolidayListing holidays => Say($"We're closed on {List(holidays.Holidays.Select(h => $"{h.Day} for {h.Holiday}"), "and")}. Is there anything else I can help with?"),
            _ => Say($"Sorry, something went wrong on my side. {Menu}"),
        };
    }

    /// <summary>Says what changed, and keeps the order as it is now for the rest of the call.</summary>
    DialogStep Changed(OrderView now, string said)
    {
        lastOrder = now;
        return Say($"{said} Is there anything else I can help with?");
    }

    DialogStep OnOrderView(OrderView view)
    {
        lastOrder = view;
        return Advance();
    }

    static string DescribeDay(DayHours day) =>
        day.Opens is null
            ? day.Holiday is null ? $"We're closed on {day.Day}." : $"We're closed on {day.Day} for {day.Holiday}."
            : $"On {day.Day} we're open from {day.Opens} to {day.Closes}.";
}
