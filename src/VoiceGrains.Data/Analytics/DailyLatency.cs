namespace VoiceGrains.Data.Analytics;

/// <summary>One business day's voice-to-voice latency over every answered turn: median and 95th percentile.</summary>
public sealed record DailyLatency(DateOnly Day, long Turns, double P50Ms, double P95Ms);
