using System.Text;
using VoiceGrains.Console.Security;
using VoiceGrains.Data.Analytics;
using VoiceGrains.Data.Business;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Analytics;

/// <summary>
/// <c>GET /api/analytics/daily.csv?from=YYYY-MM-DD&amp;to=YYYY-MM-DD</c>: the analytics page's daily figures for those
/// business days (both included) as a CSV download. An export: supervisors only, and written to the audit log first.
/// </summary>
public static class AnalyticsApi
{
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/analytics/daily.csv", ExportAsync).RequireAuthorization(OperatorPolicies.Supervisor);
        return routes;
    }

    static async Task<IResult> ExportAsync(
        DateOnly from, DateOnly to, HttpContext http, AnalyticsRepository analytics, BusinessRepository business, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var range = await BusinessDays.RangeAsync(business, from, to, cancellationToken);
        if (range.Problem is { } problem)
        {
            return TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
        }
        await audit.WriteAsync(OperatorClaims.Id(http.User), AuditLog.Exported, null, $"analytics daily {from:yyyy-MM-dd}..{to:yyyy-MM-dd}", cancellationToken);
        var days = await analytics.DailyAsync(range, cancellationToken);
        var latency = await analytics.DailyLatencyAsync(range, cancellationToken);
        return TypedResults.File(Encoding.UTF8.GetBytes(AnalyticsCsv.Write(days, latency)), "text/csv", $"voicegrains-daily-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv");
    }
}
