using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VoiceGrains.Testing.Anthropic;

/// <summary>
/// A local server that speaks the Anthropic Messages API as published (POST /v1/messages): it checks the headers
/// and the request shape the way the API does (the user speaks first, every tool_use is answered by a tool_result
/// with its id, tool names and schemas are valid), answers with JSON or with the server-sent events of a streamed
/// message (message_start, content_block_start/delta/stop with text_delta and input_json_delta, message_delta,
/// message_stop), and with the API's error bodies. The key may come as x-api-key or as Authorization: Bearer. What the "model" says comes from a script the test writes.
/// Test infrastructure only; it never stands in for Claude in the product.
/// </summary>
public sealed partial class AnthropicProtocolServer : IAsyncDisposable
{
    public const string ApiKey = "sk-ant-test-key";

    readonly WebApplication app;
    readonly Queue<Func<JsonObject, ScriptedTurn>> script = new();
    readonly List<JsonObject> requests = [];
    readonly object gate = new();

    AnthropicProtocolServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Every request body received, in order (including ones answered with errors).</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToList();
            }
        }
    }

    public static async Task<AnthropicProtocolServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new AnthropicProtocolServer(app, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        app.MapPost("/v1/messages", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Queues the answers to the next requests, in order.</summary>
    public void Enqueue(params ScriptedTurn[] turns)
    {
        foreach (var turn in turns)
        {
            Enqueue(_ => turn);
        }
    }

    /// <summary>Queues an answer computed from the request (for example from a tool_result it carries).</summary>
    public void Enqueue(Func<JsonObject, ScriptedTurn> turn)
    {
        lock (gate)
        {
            script.Enqueue(turn);
        }
    }

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return script.Count;
            }
        }
    }

    /// <summary>The content of the last tool_result in a request, parsed as JSON when it is.</summary>
    public static JsonNode? LastToolResult(JsonObject request)
    {
        var messages = request["messages"]!.AsArray();
        var content = messages[^1]!["content"] as JsonArray;
        var result = content?.LastOrDefault(b => (string?)b!["type"] == "tool_result")?["content"];
        var text = result switch
        {
            JsonValue value => (string?)value,
            JsonArray blocks => string.Concat(blocks.Where(b => (string?)b!["type"] == "text").Select(b => (string?)b!["text"])),
            _ => null,
        };
        try
        {
            return text is null ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    async Task HandleAsync(HttpContext context)
    {
        JsonObject? body = null;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonObject>(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
        }
        lock (gate)
        {
            if (body is not null)
            {
                requests.Add(body);
            }
        }

        // The API takes the key as x-api-key or, as current SDKs send it, as a bearer token.
        if (context.Request.Headers["x-api-key"] != ApiKey && context.Request.Headers.Authorization != $"Bearer {ApiKey}")
        {
            await ErrorAsync(context, 401, "authentication_error", "invalid x-api-key");
            return;
        }
        if (string.IsNullOrEmpty(context.Request.Headers["anthropic-version"]))
        {
            await ErrorAsync(context, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }
        var problem = body is null ? "request body is not valid JSON" : Validate(body);
        if (problem is not null)
        {
            await ErrorAsync(context, 400, "invalid_request_error", problem);
            return;
        }

        Func<JsonObject, ScriptedTurn>? next;
        lock (gate)
        {
            script.TryDequeue(out next);
        }
        var turn = next?.Invoke(body!) ?? ScriptedTurn.Error(500, "api_error");
        if (turn.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(turn.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (turn.Status != 200)
        {
            await ErrorAsync(context, turn.Status, turn.ErrorType ?? "api_error", "scripted error");
            return;
        }

        var message = Message(body!, turn);
        if ((bool?)body!["stream"] == true)
        {
            await StreamAsync(context, message, turn);
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(message.ToJsonString(), context.RequestAborted);
        }
    }

    /// <summary>The checks the real API makes on a request, as far as this product's requests can break them.</summary>
    static string? Validate(JsonObject body)
    {
        if (body["model"] is not JsonValue model || string.IsNullOrEmpty((string?)model))
        {
            return "model: Field required";
        }
        if (body["max_tokens"] is not JsonValue maxTokens || (int)maxTokens < 1)
        {
            return "max_tokens: Field required";
        }
        if (body["messages"] is not JsonArray { Count: > 0 } messages)
        {
            return "messages: at least one message is required";
        }
        foreach (var tool in body["tools"] as JsonArray ?? [])
        {
            if (!ToolName().IsMatch((string?)tool!["name"] ?? "") || (string?)tool["input_schema"]?["type"] != "object")
            {
                return $"tools: invalid tool {tool.ToJsonString()}";
            }
        }

        // The API combines consecutive turns of one role, but the first must be the user's, and every tool_use
        // must be answered by a tool_result with its id in the user turn that follows.
        if ((string?)messages[0]!["role"] != "user")
        {
            return "messages.0.role: the first message must use the \"user\" role";
        }
        HashSet<string> openToolUses = [];
        for (var i = 0; i < messages.Count; i++)
        {
            var role = (string?)messages[i]!["role"];
            if (role is not ("user" or "assistant"))
            {
                return $"messages.{i}.role: must be \"user\" or \"assistant\"";
            }
            var blocks = messages[i]!["content"] as JsonArray ?? [];
            if (role == "user")
            {
                foreach (var id in openToolUses)
                {
                    if (!blocks.Any(b => (string?)b!["type"] == "tool_result" && (string?)b["tool_use_id"] == id))
                    {
                        return $"messages.{i}: tool_use ids were found without tool_result blocks immediately after: {id}";
                    }
                }
                openToolUses.Clear();
            }
            else
            {
                openToolUses.UnionWith(blocks.Where(b => (string?)b!["type"] == "tool_use").Select(b => (string)b!["id"]!));
            }
        }
        return null;
    }

    static JsonObject Message(JsonObject request, ScriptedTurn turn) => new()
    {
        ["id"] = $"msg_{Guid.NewGuid():N}"[..28],
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = (string?)request["model"],
        ["content"] = new JsonArray(turn.Content.Select(c => (JsonNode)c.DeepClone()).ToArray()),
        ["stop_reason"] = turn.Content.Any(c => (string?)c["type"] == "tool_use") ? "tool_use" : "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new JsonObject { ["input_tokens"] = turn.InputTokens, ["output_tokens"] = turn.OutputTokens },
    };

    /// <summary>The message as server-sent events, text in small deltas and tool input as partial JSON, as the API streams.</summary>
    static async Task StreamAsync(HttpContext context, JsonObject message, ScriptedTurn turn)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var start = (JsonObject)message.DeepClone();
        start["content"] = new JsonArray();
        start["stop_reason"] = null;
        start["usage"] = new JsonObject { ["input_tokens"] = turn.InputTokens, ["output_tokens"] = 1 };
        await EventAsync(context, "message_start", new JsonObject { ["type"] = "message_start", ["message"] = start });
        await EventAsync(context, "ping", new JsonObject { ["type"] = "ping" });

        var index = 0;
        foreach (var block in turn.Content)
        {
            var isTool = (string?)block["type"] == "tool_use";
            var empty = isTool
                ? new JsonObject { ["type"] = "tool_use", ["id"] = (string?)block["id"], ["name"] = (string?)block["name"], ["input"] = new JsonObject() }
                : new JsonObject { ["type"] = "text", ["text"] = "" };
            await EventAsync(context, "content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = empty });
            var whole = isTool ? block["input"]!.ToJsonString() : (string)block["text"]!;
            foreach (var piece in Chunks(whole, isTool ? 12 : 8))
            {
                var delta = isTool
                    ? new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece }
                    : new JsonObject { ["type"] = "text_delta", ["text"] = piece };
                await EventAsync(context, "content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta });
            }
            await EventAsync(context, "content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });
            index++;
        }

        await EventAsync(context, "message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = (string?)message["stop_reason"], ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = turn.OutputTokens },
        });
        await EventAsync(context, "message_stop", new JsonObject { ["type"] = "message_stop" });
    }

    static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    static async Task EventAsync(HttpContext context, string name, JsonObject data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["request-id"] = $"req_{Guid.NewGuid():N}";
        if (status == 429)
        {
            context.Response.Headers["retry-after"] = "0";
        }
        var body = new JsonObject { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex ToolName();
}
