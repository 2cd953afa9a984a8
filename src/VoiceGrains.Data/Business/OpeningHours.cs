namespace VoiceGrains.Data.Business;

/// <summary>When the business opens and closes on one day, in its own time zone.</summary>
public sealed record OpeningHours(TimeOnly Opens, TimeOnly Closes);
