using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation;

namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>
/// How the agent's reply to one caller line ended: cut off or not, what the call does once it has been heard, and
/// what its stored turn records (when the caller's line ended, the model's first-token time, the tokens spent).
/// </summary>
sealed record FinishedReply(
    bool Interrupted,
    ReplyDecision Decision,
    DateTimeOffset CallerLineEnded,
    int? FirstTokenMs = null,
    TokenUsage? Tokens = null);
