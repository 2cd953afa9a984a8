using VoiceGrains.Data.Messaging;

namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// The texts that confirm an appointment change to the customer's number on file (queued; the silos send them), and
/// the reminder a reminder campaign can text. Each ends with how to stop them: Twilio's standard opt-out keyword
/// (https://help.twilio.com/articles/223134027), which the product honours too.
/// </summary>
public sealed class AppointmentTexts(TextMessageRepository queue, string businessName, bool confirmChanges)
{
    const string OptOut = "Reply STOP to opt out.";

    /// <summary>Queues the confirmation of a booking, a move or a cancellation, unless confirmations are switched off.</summary>
    public Task ConfirmAsync(long customerId, TextMessageReason reason, long appointmentId, OfferedSlot slot, CancellationToken cancellationToken)
    {
        if (!confirmChanges)
        {
            return Task.CompletedTask;
        }
        var body = reason switch
        {
            TextMessageReason.AppointmentBooked => $"{businessName}: your {slot.Service} with {slot.Staff} is booked for {slot.When}. {OptOut}",
            TextMessageReason.AppointmentMoved => $"{businessName}: your {slot.Service} with {slot.Staff} is moved to {slot.When}. {OptOut}",
            TextMessageReason.AppointmentCancelled => $"{businessName}: your {slot.Service} on {slot.When} is cancelled. {OptOut}",
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a confirmation"),
        };
        return queue.QueueForCustomerAsync(customerId, body, reason, appointmentId, cancellationToken);
    }

    /// <summary>A reminder campaign's text about an appointment (<paramref name="what"/>: "your X with Y on Z").</summary>
    public Task RemindAsync(long customerId, long appointmentId, string what, CancellationToken cancellationToken) =>
        queue.QueueForCustomerAsync(customerId, $"{businessName}: a reminder of {what}. {OptOut}", TextMessageReason.AppointmentReminder, appointmentId, cancellationToken);
}
