using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Conversation;

/// <summary>
/// One finished reply: what the agent said, how long until the model's first words, the tokens it spent (null
/// for the offline engine), whether the caller heard an apology instead of an answer, whether the caller cut it
/// short, and what the caller's turn meant.
/// </summary>
public sealed record AgentReply(
    string CallerText,
    TurnUnderstanding CallerUnderstanding,
    string Text,
    int? FirstTokenMs,
    TokenUsage? Tokens,
    bool Failed,
    bool Interrupted = false);
