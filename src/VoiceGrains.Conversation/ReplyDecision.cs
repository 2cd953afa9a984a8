namespace VoiceGrains.Conversation;

/// <summary>What the agent decided the call should do once the caller has heard its reply.</summary>
public enum ReplyDecision
{
    /// <summary>Go on listening.</summary>
    None,

    /// <summary>The agent said goodbye: hang up.</summary>
    EndCall,

    /// <summary>The agent is handing the caller to a person.</summary>
    Transfer,
}
