namespace VoiceGrains.Conversation;

/// <summary>
/// One answered caller line, as the call needs it: the finished reply (text, tokens, first-token time, whether it
/// was cut short), what the call should do next, and the customer the agent has verified by now (null if none).
/// </summary>
public sealed record ReplyOutcome(AgentReply Reply, ReplyDecision Decision, long? VerifiedCustomerId);
