using Anthropic;
using Microsoft.Extensions.AI;

namespace VoiceGrains.Conversation;

/// <summary>
/// Claude as a Microsoft.Extensions.AI chat client, through the official Anthropic SDK's own IChatClient adapter.
/// We use it rather than Semantic Kernel's Anthropic connector because the SDK is Anthropic's maintained client
/// (it tracks the Messages API, retries 429/529/5xx with backoff, and streams), and Semantic Kernel accepts any
/// IChatClient, so function calling stays Semantic Kernel's.
/// </summary>
public static class ClaudeChatClient
{
    public static IAnthropicClient CreateAnthropicClient(AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.UsesClaude)
        {
            throw new InvalidOperationException("No Anthropic API key is configured.");
        }

        return new AnthropicClient
        {
            ApiKey = settings.AnthropicApiKey,
            MaxRetries = settings.AnthropicMaxRetries,
            Timeout = settings.AnthropicRequestTimeout,
            BaseUrl = (settings.AnthropicBaseUrl ?? AgentSettings.AnthropicApi).ToString().TrimEnd('/'),
        };
    }

    public static IChatClient Create(IAnthropicClient client, AgentSettings settings) =>
        client.AsIChatClient(settings.AnthropicModel, settings.AnthropicMaxTokens);
}
