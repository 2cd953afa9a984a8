namespace VoiceGrains.Data.Analytics;

/// <summary>How many calls (or turns) had this value: an outcome, an hour of the day, a rating, an intent.</summary>
public sealed record CountOf(string Value, long Count);
