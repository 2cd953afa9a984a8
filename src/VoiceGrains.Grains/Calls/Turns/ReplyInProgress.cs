using VoiceGrains.Conversation;

namespace VoiceGrains.Grains.Calls.Turns;

/// <summary>
/// The agent's latest reply as the caller receives it: its sentences with the marks that follow them, how many the
/// carrier has echoed (heard), whether it is complete, paused, cut off or stored, and what the call does after it.
/// </summary>
sealed class ReplyInProgress(int number)
{
    public int Number { get; } = number;

    public List<(string Mark, string Text)> Sentences { get; } = [];

    public int Heard { get; set; }

    /// <summary>The agent has produced all of it.</summary>
    public bool Produced { get; set; }

    /// <summary>The caller's voice paused it: sentences produced meanwhile wait here until it goes on or is cut off.</summary>
    public bool Paused { get; set; }

    /// <summary>
    /// The caller's voice that paused it became speech: whether that cuts it off waits for the words (an
    /// acknowledgement such as "uh-huh" lets it go on).
    /// </summary>
    public bool AwaitingWords { get; set; }

    /// <summary>The caller barged in: nothing more of it is spoken, and only what was heard counts.</summary>
    public bool Cut { get; set; }

    /// <summary>It has been stored as an agent turn (a barge-in afterwards cuts that turn to what was heard).</summary>
    public bool Stored { get; set; }

    /// <summary>What the agent asked for once this reply is heard: nothing, hang up, or hand the caller to a person.</summary>
    public ReplyDecision Decision { get; set; }

    public string Text => string.Join(" ", Sentences.Select(s => s.Text));

    public string HeardText => string.Join(" ", Sentences.Take(Heard).Select(s => s.Text));
}
