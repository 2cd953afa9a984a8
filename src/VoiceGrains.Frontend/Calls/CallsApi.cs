using Microsoft.AspNetCore.Http.HttpResults;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Frontend.Calls;

/// <summary>
/// Operators' REST API over calls: the list and the agent's function calls come from the database, one call from
/// its grain; a POST places an outbound call.
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

    static async Task<Results<Ok<CallSnapshot>, NotFound>> GetCall(string callSid, IGrainFactory grains)
    {
        var call = await grains.GetGrain<ICallGrain>(callSid).GetSnapshotAsync();
        return call is null ? TypedResults.NotFound() : TypedResults.Ok(call);
    }

    static async Task<Results<Ok<IReadOnlyList<FunctionCallRecord>>, NotFound>> GetFunctionCalls(
        string callSid, IGrainFactory grains, FunctionCallRepository functionCalls, CancellationToken cancellationToken)
    {
        if (await grains.GetGrain<ICallGrain>(callSid).GetSnapshotAsync() is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await functionCalls.ListAsync(callSid, cancellationToken));
    }
}
