namespace VoiceGrains.Data.Appointments;

/// <summary>A bookable time with one member of staff for one service.</summary>
public sealed record Slot(long Id, string Service, string Staff, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
