using System.Diagnostics;
using VoiceGrains.Contracts.Calls;

namespace VoiceGrains.Grains.Speech;

/// <summary>A caller line that sounds unfinished, held while the caller may go on (<see cref="Conversation.Understanding.TurnEnding.UnfinishedWait"/>).</summary>
sealed class HeldLine(NewTurn line)
{
    readonly long heldAt = Stopwatch.GetTimestamp();

    public NewTurn Line { get; } = line;

    /// <summary>Cancelled when the next utterance's report takes the line.</summary>
    public CancellationTokenSource Expiry { get; } = new();

    /// <summary>An utterance came while it was held: that utterance's report joins the two.</summary>
    public bool Continued { get; set; }

    /// <summary>The line as it is, its end of turn counting the wait.</summary>
    public NewTurn Released() => Line with
    {
        Latency = (Line.Latency ?? new TurnLatency()) with
        {
            EndOfTurnMs = (Line.Latency?.EndOfTurnMs ?? 0) + (int)Stopwatch.GetElapsedTime(heldAt).TotalMilliseconds,
        },
    };

    /// <summary>One line: this one's words and start, then the next one's words, end and times.</summary>
    public NewTurn JoinedWith(NewTurn next) => next with { Text = $"{Line.Text} {next.Text}", StartedAt = Line.StartedAt };
}
