using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Cli.Conversation;

/// <summary>What <c>voicegrains chat --json</c> prints: every exchange with its function calls, and the call's wrap-up.</summary>
sealed record ChatTranscript(string CallSid, string Engine, string Greeting, List<ChatExchange> Turns)
{
    public string? Outcome { get; set; }

    public string? Summary { get; set; }

    public float? Sentiment { get; set; }
}

sealed record ChatExchange(string Caller, string Agent, string Intent, IReadOnlyList<FunctionCallRecord> FunctionCalls);
