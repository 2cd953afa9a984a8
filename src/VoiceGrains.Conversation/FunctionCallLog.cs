using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation.Functions;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Conversation;

/// <summary>
/// Semantic Kernel's filter around every function either engine invokes: times it, turns an unexpected failure
/// into a spoken apology instead of a broken conversation, and files the call (arguments and result redacted) in
/// the session and the function_calls table. A result marked <see cref="IUnfulfilled"/> (a refusal, no matching
/// customer, a slot taken first) counts as unsuccessful: the caller did not get what they asked.
/// </summary>
public sealed partial class FunctionCallLog(CallerSession session, FunctionCallRepository repository, TimeProvider time, ILogger<FunctionCallLog> logger)
    : IFunctionInvocationFilter
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        var calledAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        object? result;
        try
        {
            await next(context);
            result = context.Result.GetValue<object>();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFunctionFailed(logger, e, context.Function.Name, session.CallSid);
            result = new Refusal("I'm sorry, something went wrong on my side.", "Apologise and offer to transfer the caller to a person.");
            context.Result = new FunctionResult(context.Function, result);
        }

        var record = new FunctionCallRecord(
            AgentFunctions.ToolName(context.Function.PluginName ?? "", context.Function.Name),
            SensitiveText.Redact(JsonSerializer.Serialize(context.Arguments.ToDictionary(a => a.Key, a => a.Value), Json)),
            result is null ? null : SensitiveText.Redact(JsonSerializer.Serialize(result, result.GetType(), Json)),
            (int)time.GetElapsedTime(started).TotalMilliseconds,
            result is not IUnfulfilled,
            session.TurnSeq,
            calledAt);
        session.Record(record);
        try
        {
            await repository.RecordAsync(session.CallSid, record, CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException)
        {
            // The conversation goes on; the session still holds the record for the call's transcript.
            LogRecordFailed(logger, e, record.Name, session.CallSid);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed on call {CallSid}")]
    static partial void LogFunctionFailed(ILogger logger, Exception exception, string function, string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the call of {Function} on call {CallSid}")]
    static partial void LogRecordFailed(ILogger logger, Exception exception, string function, string callSid);
}
