namespace VoiceGrains.Operators;

/// <summary>Writes what an operator did to a call (<see cref="AuditEntry"/>) before it is done, so a failure to record refuses the action.</summary>
public sealed class AuditLog(OperatorDbContext db, TimeProvider time)
{
    public const string PlacedCall = "place_call";
    public const string PlayedRecording = "play_recording";
    public const string ListenedIn = "listen_in";
    public const string TookOver = "take_over";
    public const string Exported = "export";
    public const string ChangedCampaign = "campaign";
    public const string ChangedDoNotCall = "do_not_call";
    public const string CreatedSurvey = "survey";

    public async Task WriteAsync(string operatorId, string action, string? callSid, string? detail, CancellationToken cancellationToken)
    {
        db.AuditLog.Add(new AuditEntry { OperatorId = operatorId, Action = action, CallSid = callSid, Detail = detail, At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
