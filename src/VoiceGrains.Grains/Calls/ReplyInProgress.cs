namespace VoiceGrains.Grains.Calls;

/// <summary>
/// The agent's latest reply as the caller receives it: its sentences with the marks that follow them, how many
/// the carrier has echoed (heard), whether it is complete, and the turn it was stored as.
/// </summary>
sealed class ReplyInProgress(int number)
{
    public int Number { get; } = number;

    public List<(string Mark, string Text)> Sentences { get; } = [];

    public int Heard { get; set; }

    public bool Produced { get; set; }

    public int? TurnSeq { get; set; }

    public string Text => string.Join(" ", Sentences.Select(s => s.Text));

    public string HeardText => string.Join(" ", Sentences.Take(Heard).Select(s => s.Text));
}
