using System.Text.RegularExpressions;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Conversation.Understanding;
using VoiceGrains.Data.Appointments;
using static VoiceGrains.Conversation.Functions.AgentFunctions;

namespace VoiceGrains.Conversation.Offline;

/// <summary>Appointments: services, free slots, booking, rescheduling and cancelling.</summary>
public sealed partial class OfflineDialog
{
    static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];

    IReadOnlyList<Service>? services;
    IReadOnlyList<OfferedSlot> offered = [];
    string? lastSearch;
    IReadOnlyList<AppointmentView>? myAppointments;

    DialogStep AdvanceAppointment(Goal goal)
    {
        switch (goal.Intent)
        {
            case Intent.ListServices:
                return Finish(new DialogStep.Call(Appointments, ListServices, Args()));
            case Intent.MyAppointments:
                return Finish(new DialogStep.Call(Appointments, ListAppointments, Args()));
        }

        AppointmentView? appointment = null;
        if (goal.Intent is Intent.Reschedule or Intent.CancelAppointment or Intent.ConfirmAppointment)
        {
            if (myAppointments is null)
            {
                return new DialogStep.Call(Appointments, ListAppointments, Args());
            }
            if (myAppointments.Count == 0)
            {
                goal.Done = true;
                return Say("I don't see any upcoming appointments on your account. Is there anything else I can help with?");
            }
            // "I'll be there" answers a reminder, which is about the soonest appointment.
            goal.AppointmentId ??= myAppointments.Count == 1 || goal.Intent == Intent.ConfirmAppointment ? myAppointments[0].AppointmentId : null;
            appointment = myAppointments.FirstOrDefault(a => a.AppointmentId == goal.AppointmentId);
            if (appointment is null)
            {
                return Ask(Awaiting.AppointmentChoice, $"Which appointment do you mean: {List(myAppointments.Select(a => $"the {a.Slot.Service} on {a.Slot.When}"), "or")}?");
            }
            if (goal.Intent == Intent.ConfirmAppointment)
            {
                return Finish(new DialogStep.Call(Appointments, ConfirmAppointment, Args(("appointmentId", appointment.AppointmentId))));
            }
            if (goal.Intent == Intent.CancelAppointment)
            {
                return Confirm(
                    new DialogStep.Call(Appointments, CancelAppointment, Args(("appointmentId", appointment.AppointmentId))),
                    "cancel it",
                    $"To confirm: cancel your {appointment.Slot.Service} on {appointment.Slot.When} with {appointment.Slot.Staff}. Shall I go ahead?");
            }
            goal.Service = appointment.Slot.Service;
        }

        if (services is null)
        {
            return new DialogStep.Call(Appointments, ListServices, Args());
        }
        // Lines said before the services were known are read again now that their names are.
        goal.Service ??= goal.Said.Select(ServiceIn).LastOrDefault(s => s is not null) ?? (services.Count == 1 ? services[0].Name : null);
        goal.Staff ??= goal.Said.Select(StaffIn).LastOrDefault(s => s is not null);
        if (goal.Service is not { } service)
        {
            return Ask(Awaiting.Service, $"Which service would you like: {List(services.Select(s => s.Name.ToLowerInvariant()), "or")}?");
        }

        if (goal.SlotId is null)
        {
            if (goal.When?.From is null && !goal.Earliest)
            {
                return Ask(Awaiting.Day, $"What day would suit you for the {service.ToLowerInvariant()}?");
            }
            var from = goal.When?.From ?? Today;
            var to = goal.When?.To ?? (goal.When?.From is null ? Today.AddDays(14) : from);
            var part = goal.When?.PartOfDay ?? PartOfDay.Any;
            var search = $"{service}|{from}|{to}|{part}|{goal.Staff}";
            if (search != lastSearch)
            {
                lastSearch = search;
                return new DialogStep.Call(Appointments, FindSlots, Args(
                    ("service", service), ("fromDate", Iso(from)), ("toDate", Iso(to)),
                    ("partOfDay", part.ToString().ToLowerInvariant()), ("staff", goal.Staff)));
            }
            return Ask(Awaiting.SlotChoice, $"{NotFree(goal)}I have {List(offered.Select(s => $"{s.When} with {s.Staff}"), "or")}. Which would you like?");
        }

        if (!identified)
        {
            return Identify();
        }
        var slot = offered.First(s => s.SlotId == goal.SlotId);
        return appointment is null
            ? Confirm(
                new DialogStep.Call(Appointments, Book, Args(("slotId", slot.SlotId))),
                "book it",
                $"To confirm: a {slot.Service.ToLowerInvariant()} on {slot.When} with {slot.Staff}. Shall I book it?")
            : Confirm(
                new DialogStep.Call(Appointments, Reschedule, Args(("appointmentId", appointment.AppointmentId), ("newSlotId", slot.SlotId))),
                "move it",
                $"To confirm: move your {slot.Service.ToLowerInvariant()} from {appointment.Slot.When} to {slot.When} with {slot.Staff}. Shall I go ahead?");
    }

    DialogStep OnSlotOffer(SlotOffer offer)
    {
        offered = offer.Slots;
        if (goal is null)
        {
            return Say($"{Menu} What would you like to do?");
        }
        if (offer.Slots.Count == 0)
        {
            goal.When = null;
            goal.Earliest = false;
            return Ask(Awaiting.Day, $"Sorry, I don't have anything free for the {offer.Service.ToLowerInvariant()} then. Would another day work?");
        }
        if (goal.When?.At is { } at && offer.Slots.FirstOrDefault(s => StartsAt(s, at)) is { } exact)
        {
            goal.SlotId = exact.SlotId;
            return Advance();
        }
        return Ask(Awaiting.SlotChoice, $"{NotFree(goal)}I have {List(offer.Slots.Select(s => $"{s.When} with {s.Staff}"), "or")}. Which would you like?");
    }

    /// <summary>"2 PM isn't free, but ": said before other times whenever the caller asked for one that is not among them.</summary>
    string NotFree(Goal goal) =>
        goal.When?.At is { } wanted && !offered.Any(s => StartsAt(s, wanted)) ? Capitalize($"{SpokenTime.Time(wanted)} isn't free, but ") : "";

    DialogStep OnSlotTaken(SlotTaken taken)
    {
        offered = taken.Alternatives;
        if (goal is not null)
        {
            goal.SlotId = null;
            goal.Done = false;
        }
        return taken.Alternatives.Count == 0
            ? Ask(Awaiting.Day, "I'm sorry, that time was just taken by someone else, and I have nothing else free soon. Would another day work?")
            : Ask(Awaiting.SlotChoice, $"I'm sorry, that time was just taken by someone else. I can offer {List(taken.Alternatives.Select(s => $"{s.When} with {s.Staff}"), "or")}. Would one of those work?");
    }

    DialogStep OnAppointmentListing(AppointmentListing listing)
    {
        myAppointments = listing.Appointments;
        if (goal is { Intent: Intent.MyAppointments } || goal is null)
        {
            return Say(listing.Appointments.Count == 0
                ? "You have no upcoming appointments. Would you like to book one?"
                : $"You have {List(listing.Appointments.Select(a => $"a {a.Slot.Service.ToLowerInvariant()} on {a.Slot.When} with {a.Slot.Staff}"), "and")}. Is there anything else I can help with?");
        }
        return Advance();
    }

    DialogStep OnServiceListing(ServiceListing listing)
    {
        services = listing.Services;
        if (goal is { Intent: Intent.ListServices } || goal is null)
        {
            return Say($"We offer {List(listing.Services.Select(s => $"{s.Name.ToLowerInvariant()}, {s.DurationMinutes} minutes, {(s.Price == 0 ? "free" : SpokenTime.Money(s.Price))}"), "and")}. Would you like to book one?");
        }
        return Advance();
    }

    /// <summary>The service a line names: its full name, or a distinctive word of it ("rug", "assembly").</summary>
    string? ServiceIn(string text) =>
        services?.FirstOrDefault(s => text.Contains(s.Name, StringComparison.OrdinalIgnoreCase))?.Name
        ?? services?.FirstOrDefault(s => s.Name.Split(' ').Any(w => w.Length > 4 && Regex.IsMatch(text, $@"\b{Regex.Escape(w)}", RegexOptions.IgnoreCase)))?.Name;

    string? StaffIn(string text) =>
        services?.SelectMany(s => s.Staff).Distinct().FirstOrDefault(name =>
            name.Split(' ').Any(part => part.Length > 2 && Regex.IsMatch(text, $@"\b{Regex.Escape(part)}\b", RegexOptions.IgnoreCase)));

    OfferedSlot? SlotIn(Utterance heard)
    {
        if (offered.Count == 0)
        {
            return null;
        }
        var lower = heard.Text.ToLowerInvariant();
        if (Regex.IsMatch(lower, @"\b(last|latest|later one)\b"))
        {
            return offered[^1];
        }
        for (var i = 0; i < offered.Count && i < Ordinals.Length; i++)
        {
            if (Regex.IsMatch(lower, $@"\b{Ordinals[i]}\b") || i == 0 && Regex.IsMatch(lower, @"\b(earlier|earliest|that one|sounds good)\b") && offered.Count == 1)
            {
                return offered[i];
            }
        }
        if (heard.When.At is { } at)
        {
            // A time no offered slot starts at is not swapped for another time of the same person: the caller hears
            // that it is not free (Advance), and a "yes" can only book what they heard.
            return offered.FirstOrDefault(s => StartsAt(s, at));
        }
        var staff = StaffIn(heard.Text);
        return staff is null ? null : offered.FirstOrDefault(s => s.Staff == staff);
    }

    AppointmentView? AppointmentIn(Utterance heard)
    {
        if (myAppointments is not { Count: > 0 } mine || awaiting != Awaiting.AppointmentChoice)
        {
            return null;
        }
        var lower = heard.Text.ToLowerInvariant();
        for (var i = 0; i < mine.Count && i < Ordinals.Length; i++)
        {
            if (Regex.IsMatch(lower, $@"\b{Ordinals[i]}\b"))
            {
                return mine[i];
            }
        }
        var service = ServiceIn(heard.Text);
        return mine.FirstOrDefault(a => service is not null && a.Slot.Service == service)
            ?? (heard.When.From is { } day ? mine.FirstOrDefault(a => a.Slot.When.StartsWith(SpokenTime.Day(day), StringComparison.Ordinal)) : null);
    }

    static bool StartsAt(OfferedSlot slot, TimeOnly time) => slot.When.EndsWith(" at " + SpokenTime.Time(time), StringComparison.Ordinal);

    static string List(IEnumerable<string> items, string conjunction)
    {
        var all = items.ToList();
        return all.Count switch
        {
            0 => "nothing",
            1 => all[0],
            _ => string.Join(", ", all[..^1]) + $" {conjunction} " + all[^1],
        };
    }

    static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
