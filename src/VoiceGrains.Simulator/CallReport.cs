namespace VoiceGrains.Simulator;

/// <summary>A simulated call from the caller's side, completed with the server's record of it.</summary>
public sealed record CallReport(string CallSid, double? GreetingMs, IReadOnlyList<TurnReport> Turns, bool HungUpByAgent)
{
    public string? Greeting { get; set; }

    public string? Status { get; set; }

    public string? Outcome { get; set; }

    public string? RecordingPath { get; set; }
}
