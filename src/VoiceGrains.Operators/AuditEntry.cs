namespace VoiceGrains.Operators;

/// <summary>One thing an operator did that exposes or changes a call (listen in, take over, export, place a call, play a recording).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string OperatorId { get; set; }

    public required string Action { get; set; }

    public string? CallSid { get; set; }

    public string? Detail { get; set; }
}
