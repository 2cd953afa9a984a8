using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Data.Business;

namespace VoiceGrains.Conversation.Offline;

/// <summary>
/// The offline engine behind the same Microsoft.Extensions.AI interface as Claude, so the agent has no branch:
/// a caller line goes to <see cref="OfflineDialog"/>, and its decision comes back either as text or as a
/// function call that Semantic Kernel invokes (and logs) exactly as it would Claude's. One per conversation.
/// </summary>
public sealed class OfflineChatClient(BusinessCalendar calendar, TimeProvider time, SurveyPlan? survey) : IChatClient
{
    public const string ModelId = "voicegrains-offline";

    readonly OfflineDialog dialog = new(calendar, time, survey);
    int calls;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var last = messages.LastOrDefault() ?? throw new ArgumentException("There is no message to answer.", nameof(messages));
        var step = last.Role == ChatRole.Tool
            ? dialog.OnResult(last.Contents.OfType<FunctionResultContent>().Select(r => r.Result).LastOrDefault())
            : dialog.OnCaller(last.Text);
        return Task.FromResult(new ChatResponse(ToMessage(step, options)) { ModelId = ModelId });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    ChatMessage ToMessage(DialogStep step, ChatOptions? options)
    {
        if (step is DialogStep.Say say)
        {
            return new ChatMessage(ChatRole.Assistant, say.Text);
        }

        var call = (DialogStep.Call)step;
        var name = AgentFunctions.ToolName(call.Plugin, call.Function);
        if (options?.Tools?.Any(t => t.Name == name) != true)
        {
            return new ChatMessage(ChatRole.Assistant, "Sorry, I can't do that on this line. Is there anything else I can help with?");
        }
        // Arguments travel as JSON, as a model's would, so Semantic Kernel binds them the same way for both engines.
        var arguments = call.Arguments.ToDictionary(a => a.Key, a => (object?)JsonSerializer.SerializeToElement(a.Value));
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"offline-{++calls}", name, arguments)]);
    }
}
