using VoiceGrains.Data.Appointments;

namespace VoiceGrains.Conversation.Functions;

public sealed record ServiceListing(IReadOnlyList<Service> Services);

/// <summary>A free slot as offered to a caller; <see cref="SlotId"/> is what booking takes.</summary>
public sealed record OfferedSlot(long SlotId, string Service, string Staff, string When);

public sealed record SlotOffer(string Service, IReadOnlyList<OfferedSlot> Slots);

public sealed record AppointmentBooked(long AppointmentId, OfferedSlot Slot);

/// <summary>Someone else booked the slot first; <see cref="Alternatives"/> are the next free ones.</summary>
public sealed record SlotTaken(IReadOnlyList<OfferedSlot> Alternatives) : IUnfulfilled;

public sealed record AppointmentView(long AppointmentId, OfferedSlot Slot);

public sealed record AppointmentListing(IReadOnlyList<AppointmentView> Appointments);

public sealed record AppointmentMoved(long AppointmentId, OfferedSlot Slot);

public sealed record AppointmentCancelled(long AppointmentId, OfferedSlot Slot);

public sealed record AppointmentConfirmed(long AppointmentId, OfferedSlot Slot);
