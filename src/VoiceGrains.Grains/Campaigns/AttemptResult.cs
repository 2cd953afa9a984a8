using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Campaigns;

namespace VoiceGrains.Grains.Campaigns;

/// <summary>What one attempt's outcome makes of its contact: a final state, or pending again until a retry time.</summary>
public sealed record AttemptResult(ContactState State, DateTimeOffset? NextAttemptAt)
{
    /// <summary>
    /// A person answered (the call ran, was moved to a person, or dropped after answering) → reached; a machine took the
    /// campaign's message → voicemail; a callee now on the do-not-call list → opted out; anything else (busy, no
    /// answer, failed, a machine with no message to leave) is tried again after the rules' backoff while attempts are
    /// left, and is failed after the last.
    /// </summary>
    public static AttemptResult Of(CallOutcome? outcome, int attempt, CampaignRules rules, DateTimeOffset endedAt, bool onDoNotCallList)
    {
        if (onDoNotCallList)
        {
            return new(ContactState.OptedOut, null);
        }
        switch (outcome)
        {
            case CallOutcome.Completed or CallOutcome.Transferred or CallOutcome.TransferFailed or CallOutcome.Dropped:
                return new(ContactState.Reached, null);
            case CallOutcome.AnsweringMachine when rules.MachineMessage is not null:
                return new(ContactState.Voicemail, null);
        }
        return attempt < rules.MaxAttempts
            ? new(ContactState.Pending, rules.RetryTime(endedAt, attempt))
            : new(ContactState.Failed, null);
    }
}
