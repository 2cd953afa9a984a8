namespace VoiceGrains.Conversation;

/// <summary>What a caller's try at a <see cref="TextedCode"/> came to.</summary>
public enum TextedCodeCheck
{
    Matches,
    Wrong,

    /// <summary>Expired or out of tries: a new code must be texted.</summary>
    Spent,
}
