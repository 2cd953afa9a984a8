using System.Text.RegularExpressions;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// Whether a caller's words stop where a sentence cannot end: on a conjunction, a filler, an article, a preposition
/// or a possessive, or on words still waiting for what follows ("my order number is", "I'd like", "because um"), or
/// trailing off ("…"). A caller who paused there is still talking, so the call waits for more before answering.
/// Recognizers put a full stop after a cut sentence too, so a final full stop does not make it finished; a question
/// mark does. Words that often end a sentence ("in", "on", "then", "that", "like", "it is") are left out: a wrong
/// guess here costs the caller a longer wait.
/// </summary>
public static partial class TurnEnding
{
    /// <summary>
    /// How long a line that sounds unfinished waits for more, from when its words are known (0.4–0.6 s after the voice
    /// ended: the VAD's silence, Silero's lag and recognition): with it, a caller who pauses up to about 1.2 s in the
    /// middle of a sentence is heard as one line.
    /// </summary>
    public static readonly TimeSpan UnfinishedWait = TimeSpan.FromMilliseconds(800);

    [GeneratedRegex(@"(?:\b(?:and|or|but|because|um+|uh+|erm?|the|a|an|my|your|our|to|with|of|for|from|about|than|if|which|plus|i'm|we're|it's|(?:'d|would) like|(?:number|name|email|address|zip|code|date|phone) is)|\.\.\.|…)[\s,.]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Unfinished();

    public static bool SoundsUnfinished(string words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var trimmed = words.TrimEnd();
        return !trimmed.EndsWith('?') && Unfinished().IsMatch(trimmed);
    }
}
