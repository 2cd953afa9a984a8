namespace VoiceGrains.Data.Campaigns;

/// <summary>A booked appointment a reminder campaign has not yet taken as a contact: whom to call, and about what.</summary>
public sealed record AppointmentDue(long AppointmentId, long CustomerId, string Name, string Phone, string Service, string Staff, DateTimeOffset StartsAt);
