using System.Text.Json.Nodes;

namespace VoiceGrains.Testing.Anthropic;

/// <summary>
/// What the scripted model answers to one Messages API request: content blocks (text and tool_use), or an HTTP
/// error with the API's error body, optionally after a delay (to make a client time out).
/// </summary>
public sealed record ScriptedTurn
{
    public IReadOnlyList<JsonObject> Content { get; init; } = [];

    public int Status { get; init; } = 200;

    public string? ErrorType { get; init; }

    public TimeSpan Delay { get; init; }

    public int InputTokens { get; init; } = 120;

    public int OutputTokens { get; init; } = 30;

    public static ScriptedTurn Text(string text) => new() { Content = [TextBlock(text)] };

    /// <summary>A turn that calls one tool (optionally after some text), as Claude does.</summary>
    public static ScriptedTurn Tool(string name, object input, string? text = null) => new()
    {
        Content = text is null ? [ToolBlock(name, input)] : [TextBlock(text), ToolBlock(name, input)],
    };

    /// <summary>An error as the API sends it: 400 invalid_request_error, 401 authentication_error, 429 rate_limit_error, 500 api_error, 529 overloaded_error.</summary>
    public static ScriptedTurn Error(int status, string type) => new() { Status = status, ErrorType = type };

    public ScriptedTurn After(TimeSpan delay) => this with { Delay = delay };

    static JsonObject TextBlock(string text) => new() { ["type"] = "text", ["text"] = text };

    static JsonObject ToolBlock(string name, object input) => new()
    {
        ["type"] = "tool_use",
        ["id"] = $"toolu_{Guid.NewGuid():N}"[..30],
        ["name"] = name,
        ["input"] = System.Text.Json.JsonSerializer.SerializeToNode(input),
    };
}
