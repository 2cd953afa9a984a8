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
    public static IAnthropicClient CreateAnthropicClient(AnthropicOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.UsesClaude)
        {
            throw new InvalidOperationException("No Anthropic API key is configured.");
        }

        return new AnthropicClient
        {
            ApiKey = settings.ApiKey,
            MaxRetries = settings.MaxRetries,
            Timeout = settings.RequestTimeout,
            BaseUrl = settings.BaseUrl.ToString().TrimEnd('/'),
        };
    }

    public static IChatClient Create(IAnthropicClient client, AnthropicOptions settings) =>
        client.AsIChatClient(settings.Model, settings.MaxTokens);
}
