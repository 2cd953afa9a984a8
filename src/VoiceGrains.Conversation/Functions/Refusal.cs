namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// A function declined to act. <see cref="Reason"/> is said to the caller as it is; <see cref="Advice"/> tells a
/// language model what to do next.
/// </summary>
public sealed record Refusal(string Reason, string? Advice = null) : IUnfulfilled
{
    public static Refusal NotIdentified { get; } = new(
        "I need to verify who you are first.",
        "Ask for the caller's full name and ZIP code, or their email address, and identify them before anything else.");
}
