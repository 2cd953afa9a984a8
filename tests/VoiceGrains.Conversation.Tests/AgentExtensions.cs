namespace VoiceGrains.Conversation.Tests;

static class AgentExtensions
{
    /// <summary>The whole reply to one caller line, its sentences joined.</summary>
    public static async Task<string> SayAsync(this ConversationAgent agent, string line) =>
        string.Join(" ", await agent.SentencesAsync(line));

    public static async Task<List<string>> SentencesAsync(this ConversationAgent agent, string line)
    {
        var sentences = new List<string>();
        await agent.ReplyAsync(line, sentence =>
        {
            sentences.Add(sentence);
            return Task.CompletedTask;
        });
        return sentences;
    }
}
