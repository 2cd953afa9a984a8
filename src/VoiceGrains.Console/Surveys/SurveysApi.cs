using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using VoiceGrains.Console.Security;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Leads;
using VoiceGrains.Data.Surveys;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Surveys;

/// <summary>
/// Operators' REST API over question sets and their results: any signed-in operator lists them and reads a report
/// and the leads; creating one needs a supervisor, and so does the CSV export of the answers (which holds callers'
/// numbers and words). Both are written to the audit log first.
/// </summary>
public static class SurveysApi
{
    const int MaxLeads = 500;

    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder routes)
    {
        var surveys = routes.MapGroup("/api/surveys");
        surveys.MapGet("/", ListAsync);
        surveys.MapPost("/", CreateAsync).RequireAuthorization(OperatorPolicies.Supervisor).DisableAntiforgery();
        surveys.MapGet("/{id:long}", GetAsync);
        surveys.MapGet("/{id:long}/report", ReportAsync);
        surveys.MapGet("/{id:long}/responses.csv", ExportAsync).RequireAuthorization(OperatorPolicies.Supervisor);
        routes.MapGet("/api/leads", LeadsAsync);
        return routes;
    }

    static async Task<Ok<IReadOnlyList<SurveyListItem>>> ListAsync(SurveyRepository surveys, CancellationToken cancellationToken) =>
        TypedResults.Ok(await surveys.ListAsync(cancellationToken));

    static async Task<Results<Created<Survey>, ProblemHttpResult>> CreateAsync(
        SurveyRequest request, HttpContext http, SurveyRepository surveys, AuditLog audit, CancellationToken cancellationToken)
    {
        var (definition, problem) = request.ToDefinition();
        if (problem is not null)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.CreatedSurvey, null, $"create {definition!.Name}", cancellationToken);
        return await surveys.CreateAsync(definition, cancellationToken) is { } survey
            ? TypedResults.Created($"/api/surveys/{survey.Id}", survey)
            : TypedResults.Problem($"There is a survey named '{definition.Name}' already.", statusCode: StatusCodes.Status409Conflict);
    }

    static async Task<Results<Ok<Survey>, NotFound>> GetAsync(long id, SurveyRepository surveys, CancellationToken cancellationToken) =>
        await surveys.GetAsync(id, cancellationToken) is { } survey ? TypedResults.Ok(survey) : TypedResults.NotFound();

    static async Task<Results<Ok<SurveyReport>, NotFound>> ReportAsync(long id, SurveyRepository surveys, CancellationToken cancellationToken) =>
        await surveys.ReportAsync(id, cancellationToken) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    static async Task<Results<FileContentHttpResult, NotFound>> ExportAsync(
        long id, HttpContext http, SurveyRepository surveys, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await surveys.GetAsync(id, cancellationToken) is not { } survey)
        {
            return TypedResults.NotFound();
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.Exported, null, $"survey {id} responses", cancellationToken);
        var rows = await surveys.ExportAsync(id, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(SurveyCsv.Write(survey, rows)), "text/csv", $"voicegrains-survey-{id}.csv");
    }

    static async Task<Results<Ok<IReadOnlyList<Lead>>, ProblemHttpResult>> LeadsAsync(
        LeadRepository leads, CancellationToken cancellationToken, string? grade = null)
    {
        LeadGrade? wanted = null;
        if (!string.IsNullOrWhiteSpace(grade))
        {
            wanted = CampaignNames.Parse<LeadGrade>(grade.Trim());
            if (wanted is null)
            {
                return TypedResults.Problem("grade must be hot, warm or cold.", statusCode: StatusCodes.Status400BadRequest);
            }
        }
        return TypedResults.Ok(await leads.ListAsync(wanted, MaxLeads, cancellationToken));
    }
}
