namespace VoiceGrains.Data.Appointments;

/// <summary>Free slots of one service from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive), optionally with one member of staff.</summary>
public sealed record SlotQuery(int ServiceId, DateTimeOffset From, DateTimeOffset To, string? Staff = null, int Limit = 5);
