namespace VoiceGrains.Simulator;

/// <summary>
/// One caller line of a simulated call: what the server heard and what the agent said in reply (from the call's
/// record), the voice-to-voice latency (end of the caller's voice, or the server's <c>clear</c> when that came later,
/// to the first agent audio frame received) and, for a barge-in, the time from the caller's voice starting to the
/// server's <c>clear</c>.
/// </summary>
public sealed record TurnReport(string Line, bool BargeIn, double? VoiceToVoiceMs, double? BargeInClearMs)
{
    public string? Heard { get; set; }

    public string? AgentSaid { get; set; }
}
