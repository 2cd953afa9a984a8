using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Calls;

/// <summary>A call as its grain persists it (Orleans ADO.NET storage, JSON in orleans_grain_state).</summary>
[GenerateSerializer, Alias("VoiceGrains.CallState")]
public sealed class CallState
{
    [Id(0)] public bool Started { get; set; }

    [Id(1)] public CallDirection Direction { get; set; }

    [Id(2)] public string From { get; set; } = "";

    [Id(3)] public string To { get; set; } = "";

    [Id(4)] public long? CustomerId { get; set; }

    [Id(5)] public CallStatus Status { get; set; }

    [Id(6)] public DateTimeOffset StartedAt { get; set; }

    [Id(7)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>How the call ended. (Id 8 held the outcome as free text before <see cref="CallOutcome"/>; it is not read.)</summary>
    [Id(16)] public CallOutcome? EndedAs { get; set; }

    [Id(9)] public List<CallTurn> Turns { get; set; } = [];

    /// <summary>SHA-256 of the media stream token not yet used, never the token itself.</summary>
    [Id(10)] public string? MediaTokenHash { get; set; }

    [Id(11)] public DateTimeOffset? MediaTokenExpires { get; set; }

    /// <summary>A media stream redeemed a token: the call has its audio, and no other stream may join it but a move's.</summary>
    [Id(17)] public bool MediaAdmitted { get; set; }

    /// <summary>
    /// The admitted stream is being replaced (its front end is going away): the token issued for the move, and only it,
    /// admits one more stream.
    /// </summary>
    [Id(21)] public bool MediaMoving { get; set; }

    /// <summary>The customer the agent verified on this call; a new activation binds its agent to the same one.</summary>
    [Id(12)] public long? IdentifiedCustomerId { get; set; }

    /// <summary>What verified that customer (two factors allow changes); restored with them on a new activation.</summary>
    [Id(20)] public IdentityFactors IdentifiedBy { get; set; }

    [Id(13)] public bool Greeted { get; set; }

    [Id(14)] public string? RecordingPath { get; set; }

    /// <summary>Why we placed the call (outbound calls only).</summary>
    [Id(15)] public string? Purpose { get; set; }

    [Id(18)] public CallChannel Channel { get; set; }

    /// <summary>The question set the call asks (a survey or lead-qualification campaign's call).</summary>
    [Id(19)] public long? SurveyId { get; set; }
}
