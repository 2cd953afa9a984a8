using VoiceGrains.Contracts.Text;
using VoiceGrains.Conversation;
using VoiceGrains.Grains.Calls.Turns;

namespace VoiceGrains.Grains.Speech;

/// <summary>
/// Everything a call says word for word, whole (as the call says it) and sentence by sentence (as a reply speaks it):
/// what the voice's <see cref="VoiceGrains.Speech.Tts.PhraseCache"/> is warmed with.
/// </summary>
public static class FixedPhrases
{
    public static IReadOnlyList<string> Of(string businessName)
    {
        string[] phrases =
        [
            ConversationAgent.InboundGreeting(businessName), ConversationAgent.OneMoment, ConversationAgent.Apology,
            ConversationAgent.OptedOut, TurnTaking.StillThere, TurnTaking.NoAnswerGoodbye, TurnTaking.TransferApology,
        ];
        return [.. phrases.Concat(phrases.SelectMany(SentenceSplitter.Split)).Distinct(StringComparer.Ordinal)];
    }
}
