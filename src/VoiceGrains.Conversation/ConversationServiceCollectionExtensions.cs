using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace VoiceGrains.Conversation;

public static class ConversationServiceCollectionExtensions
{
    /// <summary>The agent factory and its settings (Agent and Anthropic sections); needs the data services.</summary>
    public static IServiceCollection AddVoiceGrainsConversation(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(AgentSettings.From(configuration));
        services.AddSingleton<ConversationAgentFactory>();
        return services;
    }
}
