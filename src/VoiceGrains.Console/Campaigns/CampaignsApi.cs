using Microsoft.AspNetCore.Http.HttpResults;
using VoiceGrains.Console.Security;
using VoiceGrains.Contracts.Campaigns;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Surveys;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Campaigns;

/// <summary>
/// Operators' REST API over outbound campaigns. Any signed-in operator sees them and their progress (from the
/// database); creating one, adding contacts and starting, pausing, resuming or cancelling need a supervisor and are
/// written to the audit log first. Status changes go to the campaign's grain (<see cref="CampaignControl"/>).
/// </summary>
public static class CampaignsApi
{
    const int MaxList = 100;
    const int MaxContactsPage = 1000;

    /// <summary>Contacts one request may add; a larger list is sent in parts.</summary>
    public const int MaxContactsPerRequest = 10_000;

    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder routes)
    {
        var campaigns = routes.MapGroup("/api/campaigns");
        campaigns.MapGet("/", ListAsync);
        campaigns.MapPost("/", CreateAsync).RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        campaigns.MapGet("/{id:long}", GetAsync);
        campaigns.MapGet("/{id:long}/contacts", ContactsAsync);
        campaigns.MapPost("/{id:long}/contacts", AddContactsAsync).RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        foreach (var action in CampaignControl.Actions)
        {
            campaigns.MapPost($"/{{id:long}}/{action}", (long id, HttpContext http, CampaignControl control, CancellationToken cancellationToken)
                    => ChangeAsync(id, action, http, control, cancellationToken))
                .RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        }
        return routes;
    }

    static async Task<Ok<IReadOnlyList<CampaignProgress>>> ListAsync(CampaignRepository repository, CancellationToken cancellationToken) =>
        TypedResults.Ok(await repository.ListProgressAsync(MaxList, cancellationToken));

    static async Task<Results<Created<CampaignProgress>, ProblemHttpResult>> CreateAsync(
        CampaignRequest request, HttpContext http, CampaignRepository repository, SurveyRepository surveys, AuditLog audit, CancellationToken cancellationToken)
    {
        var (definition, problem) = request.ToDefinition();
        if (problem is null && definition!.SurveyId is { } surveyId)
        {
            var kind = definition.Kind == CampaignKind.LeadQualification ? SurveyKind.Qualification : SurveyKind.Survey;
            problem = (await surveys.GetAsync(surveyId, cancellationToken))?.Kind == kind ? null
                : $"surveyId must name an existing {kind.Name()} question set (GET /api/surveys).";
        }
        var contacts = request.Contacts ?? [];
        problem ??= contacts.Count > MaxContactsPerRequest
            ? $"At most {MaxContactsPerRequest} contacts a request; add the rest with POST /api/campaigns/{{id}}/contacts."
            : CampaignRepository.ContactProblem(contacts);
        if (problem is not null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.ChangedCampaign, null, $"create {definition!.Name}", cancellationToken);
        if (await repository.CreateAsync(definition, cancellationToken) is not { } campaign)
        {
            return TypedResults.Problem($"There is a campaign named '{definition.Name}' already.", statusCode: StatusCodes.Status409Conflict);
        }
        try
        {
            await repository.AddContactsAsync(campaign.Id, contacts, cancellationToken);
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem($"Campaign {campaign.Id} was created without contacts: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Created($"/api/campaigns/{campaign.Id}", await repository.ProgressAsync(campaign.Id, cancellationToken));
    }

    static async Task<Results<Ok<CampaignProgress>, NotFound>> GetAsync(long id, CampaignRepository repository, CancellationToken cancellationToken) =>
        await repository.ProgressAsync(id, cancellationToken) is { } progress ? TypedResults.Ok(progress) : TypedResults.NotFound();

    static async Task<Results<Ok<IReadOnlyList<CampaignContact>>, NotFound, ProblemHttpResult>> ContactsAsync(
        long id, CampaignRepository repository, CancellationToken cancellationToken, int limit = 100, int offset = 0)
    {
        if (limit is < 1 or > MaxContactsPage || offset < 0)
        {
            return TypedResults.Problem($"limit must be between 1 and {MaxContactsPage}, offset not negative.", statusCode: StatusCodes.Status400BadRequest);
        }
        if (await repository.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }
        return TypedResults.Ok(await repository.ContactsAsync(id, limit, offset, cancellationToken));
    }

    static async Task<Results<Ok<ContactsAdded>, NotFound, ProblemHttpResult>> AddContactsAsync(
        long id, IReadOnlyList<NewContact> contacts, HttpContext http, CampaignRepository repository, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await repository.GetAsync(id, cancellationToken) is not { } campaign)
        {
            return TypedResults.NotFound();
        }
        if (campaign.Status is CampaignStatus.Cancelled or CampaignStatus.Finished)
        {
            return TypedResults.Problem($"Campaign {id} is {campaign.Status.Name()}; it takes no more contacts.", statusCode: StatusCodes.Status409Conflict);
        }
        var problem = contacts.Count is 0 or > MaxContactsPerRequest
            ? $"Send 1 to {MaxContactsPerRequest} contacts a request."
            : CampaignRepository.ContactProblem(contacts);
        if (problem is not null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.ChangedCampaign, null, $"add {contacts.Count} contacts to {id}", cancellationToken);
        try
        {
            return TypedResults.Ok(await repository.AddContactsAsync(id, contacts, cancellationToken));
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    static async Task<Results<Ok<CampaignProgress>, NotFound, ProblemHttpResult>> ChangeAsync(
        long id, string action, HttpContext http, CampaignControl control, CancellationToken cancellationToken)
    {
        try
        {
            return await control.ChangeAsync(id, action, OperatorClaims.Id(http.User), cancellationToken) is { } progress
                ? TypedResults.Ok(progress)
                : TypedResults.NotFound();
        }
        catch (InvalidCampaignTransitionException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
