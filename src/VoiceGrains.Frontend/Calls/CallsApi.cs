using Microsoft.AspNetCore.Http.HttpResults;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Frontend.Calls;

/// <summary>
/// Operators' REST API over calls: the list and the agent's function calls come from the database, one call from
/// its grain; a POST places an outbound call. A sid that is not a call sid is a 400 and one the calls table does not
/// have a 404, both before any grain is activated.
/// </summary>
public static class CallsApi
{
    const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder routes)
    {
        var calls = routes.MapGroup("/api/calls");
        calls.MapGet("/", ListCalls);
        calls.MapPost("/", OutboundCalls.PlaceAsync);
        calls.MapGet("/{callSid}", GetCall);
        calls.MapGet("/{callSid}/function-calls", GetFunctionCalls);
        return routes;
    }

    static async Task<Results<Ok<IReadOnlyList<CallListItem>>, ProblemHttpResult>> ListCalls(
        CallRepository repository, CancellationToken cancellationToken, bool active = false, int limit = 50)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.Problem($"limit must be between 1 and {MaxLimit}.", statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Ok(await repository.ListAsync(active, limit, cancellationToken));
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
