using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VoiceGrains.Conversation.Embeddings;
using VoiceGrains.Data.Knowledge;
using VoiceGrains.Speech.Inference;

namespace VoiceGrains.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>
    /// The agent factory and its settings ("Agent" and "Anthropic" sections, checked at start: a wrong value stops the
    /// host naming the setting), and the knowledge search with its sentence embedder; needs the data services.
    /// </summary>
    public static IServiceCollection AddVoiceGrainsConversation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Persona), "Agent:Persona may not be empty")
            .Validate(o => o.MaxFunctionRounds is >= 1 and <= 50, "Agent:MaxFunctionRounds must be between 1 and 50")
            .Validate(o => o.FirstSentenceTimeout > TimeSpan.Zero && o.ReplyTimeout > o.FirstSentenceTimeout,
                "Agent:FirstSentenceTimeout must be positive and Agent:ReplyTimeout longer than it")
            .Validate(o => string.IsNullOrEmpty(o.OptOutKey) || o.OptOutKey is [>= '0' and <= '9'], "Agent:OptOutKey must be one key from 0 to 9, or empty")
            .Validate(o => !string.IsNullOrWhiteSpace(o.DemoService), "Agent:DemoService may not be empty")
            .ValidateOnStart();
        services.AddOptions<AnthropicOptions>().BindConfiguration(AnthropicOptions.Section)
            // The conventional variable of Anthropic's own tools, when the section has no key.
            .PostConfigure<IConfiguration>((o, configuration) => o.ApiKey = string.IsNullOrWhiteSpace(o.ApiKey) ? configuration["ANTHROPIC_API_KEY"] : o.ApiKey)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Model), "Anthropic:Model may not be empty")
            .Validate(o => o.BaseUrl is { IsAbsoluteUri: true, Scheme: "http" or "https" }, "Anthropic:BaseUrl must be an absolute http(s) address")
            .Validate(o => o.MaxRetries is >= 0 and <= 10, "Anthropic:MaxRetries must be between 0 and 10")
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "Anthropic:RequestTimeout must be positive")
            .Validate(o => o.MaxTokens is >= 16 and <= 8192, "Anthropic:MaxTokens must be between 16 and 8192")
            .ValidateOnStart();
        // The silo registers its own pool, sized by Speech:InferenceConcurrency; a host without one gets one per core.
        services.TryAddSingleton(_ => new InferencePool());
        services.AddSingleton<ITextEmbedder, MiniLmTextEmbedder>();
        services.AddSingleton<IKnowledgeSearch, HybridKnowledgeSearch>();
        services.AddSingleton<ConversationAgentFactory>();
        return services;
    }
}
