namespace VoiceGrains.Simulator;

/// <summary>
/// A simulated call from the caller's side, completed with the server's record of it. <see cref="UnplayedLines"/>: the
/// script lines never played because the server ended the call first, a failed call however it ended.
/// <see cref="Clears"/>: how many times the server told the carrier to drop the agent's audio (each time the agent
/// stopped for the caller's voice, or for what it took for it).
/// </summary>
public sealed record CallReport(string CallSid, double? GreetingMs, IReadOnlyList<TurnReport> Turns, bool HungUpByAgent, int UnplayedLines, int Clears)
{
    public string? Greeting { get; set; }

    public string? Status { get; set; }

    public string? Outcome { get; set; }

    public string? RecordingPath { get; set; }

    /// <summary>How many times the product had the carrier replace the call's media stream (a front end going away).</summary>
    public int StreamsMoved { get; init; }

    /// <summary>
    /// For each move that came while the caller was hearing the agent, the silence it made: from the move to the first
    /// agent audio on the new stream.
    /// </summary>
    public IReadOnlyList<double> MoveSilencesMs { get; init; } = [];
}
