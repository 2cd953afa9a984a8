namespace VoiceGrains.Conversation.Tests;

static class AgentExtensions
{
    /// <summary>The whole reply to one caller line, its sentences joined.</summary>
    public static async Task<string> SayAsync(this ConversationAgent agent, string line)
    {
        var sentences = new List<string>();
        await foreach (var sentence in agent.ReplyAsync(line))
        {
            sentences.Add(sentence);
        }
        return string.Join(" ", sentences);
    }

    public static async Task<List<string>> SentencesAsync(this ConversationAgent agent, string line)
    {
        var sentences = new List<string>();
        await foreach (var sentence in agent.ReplyAsync(line))
        {
            sentences.Add(sentence);
        }
        return sentences;
    }
}
