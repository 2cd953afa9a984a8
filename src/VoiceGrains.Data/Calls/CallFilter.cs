namespace VoiceGrains.Data.Calls;

/// <summary>Which calls a list shows; every criterion left null matches all calls.</summary>
public sealed record CallFilter
{
    /// <summary>Only calls that have not ended.</summary>
    public bool ActiveOnly { get; init; }

    /// <summary>Started at or after this moment.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Started before this moment.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>An outcome as the calls table spells it ("no_answer").</summary>
    public string? Outcome { get; init; }

    /// <summary>"inbound" or "outbound".</summary>
    public string? Direction { get; init; }

    public long? CustomerId { get; init; }

    /// <summary>Some caller turn of the call had this intent.</summary>
    public string? Intent { get; init; }

    /// <summary>The call's overall sentiment (-1 to 1) is at least / at most this.</summary>
    public float? MinSentiment { get; init; }

    public float? MaxSentiment { get; init; }

    /// <summary>The caller rated the call this (1 to 5).</summary>
    public int? Csat { get; init; }
}
