using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceGrains.Console.Analytics;
using VoiceGrains.Data.Analytics;
using VoiceGrains.Data.Business;

namespace VoiceGrains.Console.Tests;

/// <summary>The console's analytics agree with the operator views psql users read, and their export with the database.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AnalyticsTests(ConsoleFixture console)
{
    sealed record ViewDay(long Calls, decimal? AverageDuration, decimal? AverageSentiment, decimal? AverageCsat, long CsatResponses);

    async Task<Dictionary<DateOnly, ViewDay>> DailyStatsViewAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(console.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT day, calls, avg_duration_seconds, avg_sentiment, avg_csat, csat_responses FROM daily_stats");
        await using var reader = await command.ExecuteReaderAsync();
        var days = new Dictionary<DateOnly, ViewDay>();
        while (await reader.ReadAsync())
        {
            days[DateOnly.FromDateTime(reader.GetDateTime(0))] = new ViewDay(reader.GetInt64(1),
                reader.IsDBNull(2) ? null : reader.GetDecimal(2), reader.IsDBNull(3) ? null : reader.GetDecimal(3),
                reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetInt64(5));
        }
        return days;
    }

    async Task<(DateOnly From, DateOnly To, AnalyticsRange Range)> HistoryRangeAsync()
    {
        var business = console.Factory.Services.GetRequiredService<BusinessRepository>();
        var today = BusinessDays.Today(await business.GetCalendarAsync(CancellationToken.None), TimeProvider.System);
        var from = today.AddDays(-ConsoleFixture.HistoryDays - 1);
        var to = today.AddDays(-1);
        return (from, to, await BusinessDays.RangeAsync(business, from, to, CancellationToken.None));
    }

    [Fact]
    public async Task TheDailyFiguresAgreeWithTheDailyStatsView()
    {
        var (_, _, range) = await HistoryRangeAsync();

        var days = await console.Factory.Services.GetRequiredService<AnalyticsRepository>().DailyAsync(range, CancellationToken.None);
        var view = await DailyStatsViewAsync();

        Assert.True(days.Sum(d => d.Calls) >= ConsoleFixture.HistoryCalls * 0.9, $"{days.Sum(d => d.Calls)} calls in the range");
        Assert.All(days, day =>
        {
            var row = view[day.Day];
            Assert.Equal(row.Calls, day.Calls);
            // The view rounds (1, 3 and 2 places); the console keeps the full value.
            Near(row.AverageDuration, day.AverageHandlingSeconds, 0.05);
            Near(row.AverageSentiment, day.AverageSentiment, 0.0005);
            Near(row.AverageCsat, day.AverageCsat, 0.005);
            Assert.Equal(row.CsatResponses, day.CsatResponses);
        });
    }

    [Fact]
    public async Task EveryFigureOfTheRangeIsComputed()
    {
        var (_, _, range) = await HistoryRangeAsync();
        var analytics = console.Factory.Services.GetRequiredService<AnalyticsRepository>();

        var latency = await analytics.DailyLatencyAsync(range, CancellationToken.None);
        var hours = await analytics.HoursAsync(range, CancellationToken.None);
        var outcomes = await analytics.OutcomesAsync(range, CancellationToken.None);
        var csat = await analytics.CsatAsync(range, CancellationToken.None);
        var intents = await analytics.TopIntentsAsync(range, 3, CancellationToken.None);
        var functions = await analytics.FunctionsAsync(range, CancellationToken.None);

        Assert.All(latency, l => Assert.True(l.P50Ms <= l.P95Ms));
        Assert.Equal(outcomes.Sum(o => o.Count), hours.Sum(h => h.Count));
        Assert.All(csat, c => Assert.InRange(int.Parse(c.Value, CultureInfo.InvariantCulture), 1, 5));
        Assert.Equal(3, intents.Count);
        Assert.True(intents[0].Count >= intents[1].Count);
        Assert.All(functions, f => Assert.InRange(f.SuccessRate, 0, 1));
        await Assert.ThrowsAsync<ArgumentException>(() => analytics.HoursAsync(range with { To = range.From }, CancellationToken.None));
    }

    [Fact]
    public async Task TheCsvExportMatchesTheDatabaseAndIsAuditedAndAViewerMayNotExport()
    {
        var (from, to, _) = await HistoryRangeAsync();
        var url = new Uri($"/api/analytics/daily.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", UriKind.Relative);
        using var supervisor = console.ClientFor(console.Supervisor);
        using var viewer = console.ClientFor(console.Viewer);

        using var response = await supervisor.GetAsync(url);
        using var refused = await viewer.GetAsync(url);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var view = await DailyStatsViewAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(AnalyticsCsv.Header, lines[0]);
        Assert.True(lines.Length > 1);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            var day = DateOnly.ParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(view[day].Calls, long.Parse(fields[1], CultureInfo.InvariantCulture));
            Assert.Equal(view[day].CsatResponses, long.Parse(fields[7], CultureInfo.InvariantCulture));
        }
        await using var dataSource = NpgsqlDataSource.Create(console.ConnectionString);
        await using var audit = dataSource.CreateCommand(
            "SELECT count(*) FROM audit_log a JOIN operators o ON o.id = a.operator_id WHERE o.email = $1 AND a.action = 'export'");
        audit.Parameters.AddWithValue(console.Supervisor.Email);
        Assert.True((long)(await audit.ExecuteScalarAsync())! >= 1);
    }

    static void Near(decimal? rounded, double? value, double halfStep)
    {
        Assert.Equal(rounded is null, value is null);
        if (rounded is { } r && value is { } v)
        {
            Assert.True(Math.Abs((double)r - v) <= halfStep + 1e-9, $"{r} is not {v} rounded");
        }
    }
}
