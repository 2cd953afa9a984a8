namespace VoiceGrains.Data.Campaigns;

/// <summary>Who put a number on the do-not-call list: an operator, or the callee themselves on a call.</summary>
public enum DoNotCallSource
{
    Operator,
    Callee,
}
