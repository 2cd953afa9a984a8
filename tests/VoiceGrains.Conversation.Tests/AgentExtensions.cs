namespace VoiceGrains.Conversation.Tests;

static class AgentExtensions
{
    /// <summary>The whole reply to one caller line, its sentences joined.</summary>
    public static async Task<string> SayAsync(this ConversationAgent agent, string line) =>
        string.Join(" ", await agent.SentencesAsync(line));

    /// <summary>The whole reply to digits keyed on the phone's keypad.</summary>
    public static async Task<string> KeyAsync(this ConversationAgent agent, string digits) =>
        string.Join(" ", await agent.SentencesAsync(digits, keyed: true));

    public static async Task<List<string>> SentencesAsync(this ConversationAgent agent, string line, bool keyed = false)
    {
        var sentences = new List<string>();
        await agent.ReplyAsync(line, sentence =>
        {
            sentences.Add(sentence);
            return Task.CompletedTask;
        }, keyed: keyed);
        return sentences;
    }
}
