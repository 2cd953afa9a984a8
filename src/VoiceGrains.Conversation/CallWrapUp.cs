namespace VoiceGrains.Conversation;

/// <summary>What is stored on a call when it ends: a one-paragraph summary and the caller's overall sentiment (−1…1).</summary>
public sealed record CallWrapUp(string Summary, float Sentiment);
