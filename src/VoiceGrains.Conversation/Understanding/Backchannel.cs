using System.Text.RegularExpressions;

namespace VoiceGrains.Conversation.Understanding;

/// <summary>
/// Whether a line said over the agent is only a listener's acknowledgement ("uh-huh", "okay", "mm-hm", "right",
/// "I see", "got it"): words that tell the speaker to go on, not a turn of their own. Answers ("yes", "no") and
/// anything with more words are not: they interrupt.
/// </summary>
public static partial class Backchannel
{
    [GeneratedRegex(@"^(?:(?:uh[\s-]?huh|mm[\s-]?hm+|m-?hm+|hm+|mm+|okay|ok|right|alright|all right|yeah|yep|sure|i see|got it|cool|great|good)[\s,.!]*)+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Acknowledgement();

    public static bool Is(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Acknowledgement().IsMatch(line.Trim());
    }
}
