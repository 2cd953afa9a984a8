namespace VoiceGrains.Grains.Tests.Campaigns;

/// <summary>Real time moved forward by <see cref="Offset"/>; its timers run in real time.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
