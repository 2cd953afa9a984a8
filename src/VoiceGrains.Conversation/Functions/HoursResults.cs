namespace VoiceGrains.Conversation.Functions;

/// <summary>Whether the business is open right now, and until when or from when.</summary>
public sealed record OpenNow(bool IsOpen, string LocalTime, string? ClosesAt, string? NextOpening);

/// <summary>The hours on one day; <see cref="Opens"/> is null when closed, <see cref="Holiday"/> says why.</summary>
public sealed record DayHours(string Day, string? Opens, string? Closes, string? Holiday);

public sealed record HolidayListing(IReadOnlyList<DayHours> Holidays);
