namespace VoiceGrains.Contracts.Calls;

/// <summary>How a call ended. Stored in the calls table in snake case (<see cref="CallOutcomeNames"/>), e.g. "no_answer".</summary>
[GenerateSerializer, Alias("VoiceGrains.CallOutcome")]
public enum CallOutcome
{
    /// <summary>Ended normally: the caller hung up, or the agent said goodbye.</summary>
    Completed,

    /// <summary>The media stream was lost without the carrier saying the call ended.</summary>
    Dropped,

    /// <summary>The caller stayed silent through the call's "are you still there?".</summary>
    NoAnswer,

    /// <summary>The caller was moved to a person.</summary>
    Transferred,

    /// <summary>The agent tried to move the caller to a person and could not; the caller heard an apology.</summary>
    TransferFailed,

    /// <summary>A call we placed reached a voicemail or fax.</summary>
    AnsweringMachine,

    /// <summary>A call we placed: the line was busy.</summary>
    Busy,

    /// <summary>The carrier could not connect the call.</summary>
    Failed,

    /// <summary>A call we placed was cancelled before it was answered.</summary>
    Canceled,

    /// <summary>The call was started but no media stream ever joined it (its token expired unused): ended by the silo.</summary>
    NeverConnected,
}
