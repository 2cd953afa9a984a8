namespace VoiceGrains.Grains.Calls;

/// <summary>
/// The agent's latest reply as the caller receives it: its sentences with the marks that follow them, how many
/// the carrier has echoed (heard), whether it is complete, the turn it was stored as, and whether the call ends after it.
/// </summary>
sealed class ReplyInProgress(int number)
{
    public int Number { get; } = number;

    public List<(string Mark, string Text)> Sentences { get; } = [];

    public int Heard { get; set; }

    public bool Produced { get; set; }

    /// <summary>The caller's voice paused it: sentences produced meanwhile wait here until it goes on or is cut off.</summary>
    public bool Paused { get; set; }

    public int? TurnSeq { get; set; }

    /// <summary>The agent asked to end the call (completed) or to hand the caller on (transferred) once this reply is heard.</summary>
    public string? EndsCallAs { get; set; }

    public string Text => string.Join(" ", Sentences.Select(s => s.Text));

    public string HeardText => string.Join(" ", Sentences.Take(Heard).Select(s => s.Text));
}
