namespace VoiceGrains.Conversation;

/// <summary>How the agent talks, whichever engine answers ("Agent" section).</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    /// <summary>Who the agent is; {business} is replaced by the business's name.</summary>
    public string Persona { get; set; } = "You are Riley, the friendly phone assistant of {business}.";

    /// <summary>Function-calling rounds allowed for one reply before the agent must answer.</summary>
    public int MaxFunctionRounds { get; set; } = 6;

    /// <summary>With no sentence by then, the caller hears a short "one moment" while the reply is still awaited.</summary>
    public TimeSpan FirstSentenceTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The whole reply, function calls included; past it the caller hears an apology.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
