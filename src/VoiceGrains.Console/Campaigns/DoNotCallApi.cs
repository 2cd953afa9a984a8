using Microsoft.AspNetCore.Http.HttpResults;
using VoiceGrains.Console.Security;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Customers;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Campaigns;

/// <summary>
/// The do-not-call list over REST: any operator reads it; a supervisor adds or removes a number (audited first).
/// Campaigns and <c>POST /api/calls</c> check it before every dial.
/// </summary>
public static class DoNotCallApi
{
    const int MaxList = 1000;

    public static IEndpointRouteBuilder MapDoNotCallApi(this IEndpointRouteBuilder routes)
    {
        var list = routes.MapGroup("/api/do-not-call");
        list.MapGet("/", ListAsync);
        list.MapPut("/{phone}", AddAsync).RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        list.MapDelete("/{phone}", RemoveAsync).RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        return routes;
    }

    static async Task<Ok<IReadOnlyList<DoNotCallEntry>>> ListAsync(DoNotCallRepository repository, CancellationToken cancellationToken, int limit = 100) =>
        TypedResults.Ok(await repository.ListAsync(Math.Clamp(limit, 1, MaxList), cancellationToken));

    static async Task<Results<NoContent, ProblemHttpResult>> AddAsync(
        string phone, HttpContext http, DoNotCallRepository repository, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.IsE164(phone))
        {
            return NotANumber();
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.ChangedDoNotCall, null, $"add {phone}", cancellationToken);
        await repository.AddAsync(phone, DoNotCallSource.Operator, cancellationToken);
        return TypedResults.NoContent();
    }

    static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RemoveAsync(
        string phone, HttpContext http, DoNotCallRepository repository, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!PhoneNumber.IsE164(phone))
        {
            return NotANumber();
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.ChangedDoNotCall, null, $"remove {phone}", cancellationToken);
        return await repository.RemoveAsync(phone, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    static ProblemHttpResult NotANumber() =>
        TypedResults.Problem("The number must be E.164, e.g. +15550100015.", statusCode: StatusCodes.Status400BadRequest);
}
