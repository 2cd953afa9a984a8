using System.ComponentModel;
using System.Globalization;
using Microsoft.SemanticKernel;
using VoiceGrains.Data.Appointments;
using VoiceGrains.Data.Business;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Messaging;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// Services, free slots and the identified caller's appointments. Two callers racing for one slot are settled by
/// the database's one-live-booking-per-slot index: the loser gets <see cref="SlotTaken"/> with alternatives.
/// </summary>
/// <remarks>
/// A booking, move or cancellation is confirmed by text (<see cref="AppointmentTexts"/>); a hot lead's booking of the
/// demo service is recorded on the lead as its next step.
/// </remarks>
public sealed class AppointmentsPlugin(
    CallerSession session, AppointmentRepository appointments, AppointmentTexts texts, LeadRepository leads, string demoService, BusinessCalendar calendar,
    TimeProvider time)
{
    const int SlotsOffered = 3;

    [KernelFunction(AgentFunctions.ListServices)]
    [Description("Lists the services that can be booked, with duration, price and the staff who perform each.")]
    public async Task<object> ListServicesAsync(CancellationToken cancellationToken) =>
        new ServiceListing(await appointments.ListServicesAsync(cancellationToken));

    [KernelFunction(AgentFunctions.FindSlots)]
    [Description("Finds the earliest free appointment slots for a service between two local dates, optionally in one part of the day or with one member of staff.")]
    public async Task<object> FindFreeSlotsAsync(
        [Description("The service's name, or a word from it")] string service,
        [Description("First local date to search, yyyy-MM-dd")] string fromDate,
        [Description("Last local date to search, yyyy-MM-dd; the same as fromDate for a single day")] string? toDate = null,
        [Description("'morning', 'afternoon', 'evening' or 'any'")] string? partOfDay = null,
        [Description("A member of staff the caller asked for, or empty")] string? staff = null,
        CancellationToken cancellationToken = default)
    {
        if (await FindServiceAsync(service, cancellationToken) is not { } match)
        {
            return new Refusal($"We don't offer {service}.", "List the services for the caller.");
        }
        if (!TryParseDate(fromDate, out var from) || !TryParseDate(string.IsNullOrWhiteSpace(toDate) ? fromDate : toDate, out var to) || to < from)
        {
            return new Refusal("I didn't get which days you mean.", "Pass local dates as yyyy-MM-dd, the second not before the first.");
        }

        var part = PartOfDayExtensions.Parse(partOfDay);
        var found = await appointments.FindFreeSlotsAsync(
            new SlotQuery(match.Id, calendar.ToInstant(from, TimeOnly.MinValue), calendar.ToInstant(to.AddDays(1), TimeOnly.MinValue), NullIfBlank(staff), Limit: 60),
            cancellationToken);
        var slots = found.Where(s => part.Contains(TimeOnly.FromDateTime(calendar.LocalTime(s.StartsAt).DateTime))).Take(SlotsOffered).Select(Offer).ToList();
        return new SlotOffer(match.Name, slots);
    }

    [KernelFunction(AgentFunctions.Book)]
    [Description("Books a free slot (from find_free_slots) for the identified caller. Confirm the day, time and staff with the caller first.")]
    public async Task<object> BookAsync([Description("The slot id from find_free_slots")] long slotId, CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var result = await appointments.BookAsync(slotId, customerId, session.CallSid, cancellationToken);
        var slot = await appointments.GetSlotAsync(slotId, cancellationToken);
        if (result.Outcome == BookingOutcome.Booked)
        {
            await texts.ConfirmAsync(customerId, TextMessageReason.AppointmentBooked, result.AppointmentId!.Value, Offer(slot!), cancellationToken);
            if (session.LeadGrade == LeadGrade.Hot && string.Equals(slot!.Service, demoService, StringComparison.OrdinalIgnoreCase))
            {
                await leads.RecordNextStepAsync(session.CallingNumber, LeadNextStep.DemoBooked, result.AppointmentId, cancellationToken);
            }
        }
        return result.Outcome switch
        {
            // Asked again for the slot the caller holds (the call retried after a failover): the booking they have, and
            // the text that went with it was sent then, not again now.
            BookingOutcome.Booked or BookingOutcome.AlreadyBooked => new AppointmentBooked(result.AppointmentId!.Value, Offer(slot!)),
            BookingOutcome.SlotTaken => new SlotTaken(await AlternativesAsync(slot!, cancellationToken)),
            _ => new Refusal("That time isn't available any more.", "Search for free slots again."),
        };
    }

    [KernelFunction(AgentFunctions.ListAppointments)]
    [Description("Lists the identified caller's upcoming appointments with their ids.")]
    public async Task<object> ListMineAsync(CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var upcoming = await appointments.ListUpcomingAsync(customerId, cancellationToken);
        return new AppointmentListing(upcoming.Select(a => new AppointmentView(a.Id, Offer(a.Slot))).ToList());
    }

    [KernelFunction(AgentFunctions.Reschedule)]
    [Description("Moves one of the identified caller's appointments to another free slot of the same service. Confirm the new time first.")]
    public async Task<object> RescheduleAsync(
        [Description("The appointment id from list_my_appointments")] long appointmentId,
        [Description("The new slot id from find_free_slots")] long newSlotId,
        CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var change = await appointments.RescheduleAsync(customerId, appointmentId, newSlotId, cancellationToken);
        if (change.Outcome == AppointmentChangeOutcome.Done)
        {
            await texts.ConfirmAsync(customerId, TextMessageReason.AppointmentMoved, appointmentId, Offer(change.Appointment!.Slot), cancellationToken);
        }
        return change.Outcome switch
        {
            AppointmentChangeOutcome.Done or AppointmentChangeOutcome.AlreadyDone => new AppointmentMoved(appointmentId, Offer(change.Appointment!.Slot)),
            AppointmentChangeOutcome.SlotTaken when await appointments.GetSlotAsync(newSlotId, cancellationToken) is { } slot =>
                new SlotTaken(await AlternativesAsync(slot, cancellationToken)),
            AppointmentChangeOutcome.NotFound => new Refusal("I can't find that appointment among your upcoming ones.", "List the caller's appointments."),
            _ => new Refusal("That time can't be used for this appointment.", "Search for free slots of the same service."),
        };
    }

    [KernelFunction(AgentFunctions.ConfirmAppointment)]
    [Description("Records that the identified caller confirms one of their appointments (they will come), e.g. when a reminder call asks.")]
    public async Task<object> ConfirmAsync([Description("The appointment id from list_my_appointments")] long appointmentId, CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var change = await appointments.ConfirmAsync(customerId, appointmentId, cancellationToken);
        return Changed(change, slot => new AppointmentConfirmed(appointmentId, slot));
    }

    [KernelFunction(AgentFunctions.CancelAppointment)]
    [Description("Cancels one of the identified caller's appointments. Confirm first.")]
    public async Task<object> CancelAsync([Description("The appointment id from list_my_appointments")] long appointmentId, CancellationToken cancellationToken)
    {
        if (session.CustomerId is not { } customerId)
        {
            return Refusal.NotIdentified;
        }
        var change = await appointments.CancelAsync(customerId, appointmentId, cancellationToken);
        if (change.Outcome == AppointmentChangeOutcome.Done)
        {
            await texts.ConfirmAsync(customerId, TextMessageReason.AppointmentCancelled, appointmentId, Offer(change.Appointment!.Slot), cancellationToken);
        }
        return Changed(change, slot => new AppointmentCancelled(appointmentId, slot));
    }

    /// <summary>
    /// What a change of one of the caller's appointments returns: done (now, or already: a retried cancellation), with
    /// its slot, or not one of theirs.
    /// </summary>
    object Changed(AppointmentChange change, Func<OfferedSlot, object> done) =>
        change.Outcome is AppointmentChangeOutcome.Done or AppointmentChangeOutcome.AlreadyDone
            ? done(Offer(change.Appointment!.Slot))
            : new Refusal("I can't find that appointment among your upcoming ones.", "List the caller's appointments.");

    OfferedSlot Offer(Slot slot) => new(slot.Id, slot.Service, slot.Staff, SpokenTime.DayAndTime(calendar.LocalTime(slot.StartsAt)));

    async Task<IReadOnlyList<OfferedSlot>> AlternativesAsync(Slot taken, CancellationToken cancellationToken)
    {
        var services = await appointments.ListServicesAsync(cancellationToken);
        var service = services.Single(s => s.Name == taken.Service);
        var from = taken.StartsAt > time.GetUtcNow() ? taken.StartsAt : time.GetUtcNow();
        var slots = await appointments.FindFreeSlotsAsync(new SlotQuery(service.Id, from, from.AddDays(14), Limit: SlotsOffered), cancellationToken);
        return slots.Select(Offer).ToList();
    }

    async Task<Service?> FindServiceAsync(string name, CancellationToken cancellationToken)
    {
        var services = await appointments.ListServicesAsync(cancellationToken);
        var wanted = name?.Trim() ?? "";
        return services.FirstOrDefault(s => s.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            ?? services.FirstOrDefault(s => wanted.Length > 0 && s.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            ?? services.FirstOrDefault(s => s.Name.Split(' ').Any(w => w.Length > 3 && wanted.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
