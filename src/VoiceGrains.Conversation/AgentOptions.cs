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

    /// <summary>
    /// The question set (by name) offered to inbound callers at the end of their call instead of the one-to-five rating;
    /// empty: none. Opt-in because it lengthens every call.
    /// </summary>
    public string? SurveyAfterCalls { get; set; }

    /// <summary>Whether a booking, move or cancellation made on a call is confirmed by text to the customer's number on file.</summary>
    public bool TextConfirmations { get; set; } = true;

    /// <summary>The service a hot lead is offered a demo of, through the same booking functions as any appointment.</summary>
    public string DemoService { get; set; } = "Demo";

    /// <summary>
    /// On a call we placed, this key pressed on its own puts the callee's number on the do-not-call list (the greeting
    /// says so); empty: no key does. Not while a survey is being answered, whose answers are keyed too.
    /// </summary>
    public string? OptOutKey { get; set; } = "9";
}
