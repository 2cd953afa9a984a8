using Microsoft.AspNetCore.Http.HttpResults;
using VoiceGrains.Console.Security;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Calls;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Calls;

/// <summary>
/// Operators' REST API over calls, for any signed-in operator or API token: the list and the agent's function calls
/// come from the database, one call from its grain. Placing a call and hearing a recording need a supervisor and are
/// written to the audit log first. A sid that is not a call sid is a 400 and one the calls table does not have a 404,
/// both before any grain is activated.
/// </summary>
public static class CallsApi
{
    const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder routes)
    {
        var calls = routes.MapGroup("/api/calls");
        calls.MapGet("/", ListCalls);
        calls.MapPost("/", OutboundCalls.PlaceAsync).RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        calls.MapGet("/{callSid}", GetCall);
        calls.MapGet("/{callSid}/function-calls", GetFunctionCalls);
        calls.MapGet("/{callSid}/recording", GetRecording).RequireAuthorization(OperatorPolicies.Supervisor);
        calls.MapPost("/{callSid}/take-over", TakeOver).RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        return routes;
    }

    static async Task<Results<Ok<IReadOnlyList<CallListItem>>, ProblemHttpResult>> ListCalls(
        CallRepository repository, CancellationToken cancellationToken, bool active = false, int limit = 50, DateTimeOffset? before = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? outcome = null, string? direction = null, long? customer = null,
        string? intent = null, float? minSentiment = null, float? maxSentiment = null, int? csat = null)
    {
        string? problem = null;
        if (limit is < 1 or > MaxLimit)
        {
            problem = $"limit must be between 1 and {MaxLimit}.";
        }
        else if (outcome is not null && CallOutcomeNames.Parse(outcome) is null)
        {
            problem = $"outcome must be one of {string.Join(", ", Enum.GetValues<CallOutcome>().Select(o => o.Name()))}.";
        }
        else if (direction is not null and not ("inbound" or "outbound"))
        {
            problem = "direction must be inbound or outbound.";
        }
        else if (csat is < 1 or > 5)
        {
            problem = "csat must be between 1 and 5.";
        }
        else if (minSentiment is < -1 or > 1 || maxSentiment is < -1 or > 1)
        {
            problem = "minSentiment and maxSentiment must be between -1 and 1.";
        }
        if (problem is not null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        var filter = new CallFilter
        {
            ActiveOnly = active, From = from, To = to, Outcome = outcome, Direction = direction, CustomerId = customer,
            Intent = intent, MinSentiment = minSentiment, MaxSentiment = maxSentiment, Csat = csat,
        };
        return TypedResults.Ok(await repository.ListAsync(filter, limit, before, cancellationToken));
    }

    static async Task<IResult> GetCall(
        string callSid, IGrainFactory grains, CallRepository calls, CancellationToken cancellationToken)
    {
        if (await FindAsync(callSid, calls, cancellationToken) is { } missing)
        {
            return missing;
        }
        var call = await grains.GetGrain<ICallGrain>(callSid).GetSnapshotAsync();
        return call is null ? TypedResults.NotFound() : TypedResults.Ok(call);
    }

    static async Task<IResult> GetFunctionCalls(
        string callSid, CallRepository calls, FunctionCallRepository functionCalls, CancellationToken cancellationToken)
    {
        if (await FindAsync(callSid, calls, cancellationToken) is { } missing)
        {
            return missing;
        }
        return TypedResults.Ok(await functionCalls.ListAsync(callSid, cancellationToken));
    }

    /// <summary>
    /// The call's mixed recording, with range requests (an audio element seeks with them). Only the first request of a
    /// playback (no range, or one from byte 0) is audited, not every seek.
    /// </summary>
    static async Task<IResult> GetRecording(
        string callSid, HttpContext http, IGrainFactory grains, CallRepository calls, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAsync(callSid, calls, cancellationToken) is { } missing)
        {
            return missing;
        }
        var call = await grains.GetGrain<ICallGrain>(callSid).GetSnapshotAsync();
        // The path is the one the front end wrote; it must still be that call's file (a sid is CA + hex: no separators).
        if (call?.RecordingPath is not { } path || Path.GetFileName(path) != callSid + ".wav" || !File.Exists(path))
        {
            return TypedResults.NotFound();
        }
        var range = http.Request.Headers.Range.ToString();
        if (range.Length == 0 || range.StartsWith("bytes=0-", StringComparison.Ordinal))
        {
            await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.PlayedRecording, callSid, null, cancellationToken);
        }
        return TypedResults.PhysicalFile(path, "audio/wav", enableRangeProcessing: true);
    }

    /// <summary>A supervisor moves a call in progress to a person (<see cref="ICallGrain.TakeOverAsync"/>), audited first.</summary>
    static async Task<IResult> TakeOver(
        string callSid, HttpContext http, IGrainFactory grains, CallRepository calls, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAsync(callSid, calls, cancellationToken) is { } missing)
        {
            return missing;
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.TookOver, callSid, null, cancellationToken);
        return await grains.GetGrain<ICallGrain>(callSid).TakeOverAsync()
            ? TypedResults.Ok(await grains.GetGrain<ICallGrain>(callSid).GetSnapshotAsync())
            : TypedResults.Problem("The call has ended or is already being moved to a person.", statusCode: StatusCodes.Status409Conflict);
    }

    /// <summary>Null when the call exists; otherwise the answer (400 for a malformed sid, 404 for an unknown one).</summary>
    static async Task<IResult?> FindAsync(string callSid, CallRepository calls, CancellationToken cancellationToken)
    {
        if (!CallSids.IsValid(callSid))
        {
            return TypedResults.Problem("A call sid is CA and 32 hex digits.", statusCode: StatusCodes.Status400BadRequest);
        }
        return await calls.ExistsAsync(callSid, cancellationToken) ? null : TypedResults.NotFound();
    }
}
