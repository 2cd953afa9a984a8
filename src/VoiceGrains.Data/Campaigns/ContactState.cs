namespace VoiceGrains.Data.Campaigns;

/// <summary>
/// Where one contact of a campaign is. Pending (waiting for its next attempt) and in progress (a call placed) change;
/// the other four are final. Stored in snake case ("opted_out").
/// </summary>
public enum ContactState
{
    Pending,
    InProgress,
    /// <summary>A person answered and the call ran its course.</summary>
    Reached,
    /// <summary>An answering machine took the campaign's message.</summary>
    Voicemail,
    /// <summary>Every attempt allowed was used without reaching anyone.</summary>
    Failed,
    /// <summary>On the do-not-call list: never dialled, or asked on the call not to be called again.</summary>
    OptedOut,
}
