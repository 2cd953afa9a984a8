using Microsoft.Extensions.Configuration;

namespace VoiceGrains.Conversation;

/// <summary>
/// How the agent talks and which engine it uses. Claude is switched on by the presence of an API key
/// (Anthropic:ApiKey, or the ANTHROPIC_API_KEY environment variable); without one the offline engine answers.
/// </summary>
public sealed record AgentSettings
{
    public const string AgentSection = "Agent";
    public const string AnthropicSection = "Anthropic";

    public static readonly Uri AnthropicApi = new("https://api.anthropic.com");

    /// <summary>Who the agent is; {business} is replaced by the business's name.</summary>
    public string Persona { get; init; } = "You are Riley, the friendly phone assistant of {business}.";

    /// <summary>Function-calling rounds allowed for one reply before the agent must answer.</summary>
    public int MaxFunctionRounds { get; init; } = 6;

    /// <summary>With no sentence by then, the caller hears a short "one moment" while the reply is still awaited.</summary>
    public TimeSpan FirstSentenceTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The whole reply, function calls included; past it the caller hears an apology.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string? AnthropicApiKey { get; init; }

    public string AnthropicModel { get; init; } = "claude-haiku-4-5";

    /// <summary>Where the Messages API is; tests point it at a local server that speaks the same protocol.</summary>
    public Uri? AnthropicBaseUrl { get; init; }

    /// <summary>Retries on 408, 409, 429, 5xx and 529 (overloaded), with the SDK's exponential backoff.</summary>
    public int AnthropicMaxRetries { get; init; } = 2;

    /// <summary>One HTTP request's limit; a timed-out request counts as a failure and is retried.</summary>
    public TimeSpan AnthropicRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int AnthropicMaxTokens { get; init; } = 400;

    public bool UsesClaude => !string.IsNullOrWhiteSpace(AnthropicApiKey);

    public static AgentSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var agent = configuration.GetSection(AgentSection);
        var anthropic = configuration.GetSection(AnthropicSection);
        var defaults = new AgentSettings();
        return new AgentSettings
        {
            Persona = agent["Persona"] ?? defaults.Persona,
            MaxFunctionRounds = agent.GetValue("MaxFunctionRounds", defaults.MaxFunctionRounds),
            FirstSentenceTimeout = agent.GetValue("FirstSentenceTimeout", defaults.FirstSentenceTimeout),
            ReplyTimeout = agent.GetValue("ReplyTimeout", defaults.ReplyTimeout),
            AnthropicApiKey = anthropic["ApiKey"] is { Length: > 0 } key ? key : configuration["ANTHROPIC_API_KEY"],
            AnthropicModel = anthropic["Model"] ?? defaults.AnthropicModel,
            AnthropicBaseUrl = anthropic["BaseUrl"] is { Length: > 0 } url ? new Uri(url) : null,
            AnthropicMaxRetries = anthropic.GetValue("MaxRetries", defaults.AnthropicMaxRetries),
            AnthropicRequestTimeout = anthropic.GetValue("RequestTimeout", defaults.AnthropicRequestTimeout),
            AnthropicMaxTokens = anthropic.GetValue("MaxTokens", defaults.AnthropicMaxTokens),
        };
    }

    /// <summary>The settings without the key, for logs.</summary>
    public override string ToString() =>
        UsesClaude ? $"Claude {AnthropicModel} at {AnthropicBaseUrl ?? AnthropicApi}" : "offline engine";
}
