namespace VoiceGrains.Conversation.Offline;

/// <summary>What the offline engine does next: say something, or call one of the agent's functions.</summary>
public abstract record DialogStep
{
    public sealed record Say(string Text) : DialogStep;

    public sealed record Call(string Plugin, string Function, IReadOnlyDictionary<string, object?> Arguments) : DialogStep;
}
