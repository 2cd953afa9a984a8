namespace VoiceGrains.Conversation;

/// <summary>
/// Claude ("Anthropic" section). Switched on by the presence of a key (Anthropic:ApiKey, or the ANTHROPIC_API_KEY
/// environment variable); without one the offline engine answers. The key is a secret: never in files or logs.
/// </summary>
public sealed class AnthropicOptions
{
    public const string Section = "Anthropic";

    public static readonly Uri DefaultBaseUrl = new("https://api.anthropic.com");

    public string? ApiKey { get; set; }

    public string Model { get; set; } = "claude-haiku-4-5";

    /// <summary>Where the Messages API is; tests point it at a local server that speaks the same protocol.</summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Retries on 408, 409, 429, 5xx and 529 (overloaded), with the SDK's exponential backoff.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>One HTTP request's limit; a timed-out request counts as a failure and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxTokens { get; set; } = 400;

    public bool UsesClaude => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The engine without the key, for logs.</summary>
    public string Engine => UsesClaude ? $"Claude {Model} at {BaseUrl}" : "offline engine";
}
