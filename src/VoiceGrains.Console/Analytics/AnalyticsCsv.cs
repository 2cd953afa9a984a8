using System.Globalization;
using System.Text;
using VoiceGrains.Data.Analytics;

namespace VoiceGrains.Console.Analytics;

/// <summary>
/// The analytics page's daily table as CSV (RFC 4180: comma-separated, CRLF line ends, a header row). Every field is a
/// date or a number in the invariant culture, so none needs quoting; written here because that is all it takes.
/// </summary>
public static class AnalyticsCsv
{
    public const string Header = "day,calls,average_handling_seconds,contained,transferred,average_sentiment,average_csat,csat_responses,voice_to_voice_p50_ms,voice_to_voice_p95_ms";

    public static string Write(IReadOnlyList<DailyFigures> days, IReadOnlyList<DailyLatency> latency)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(latency);
        var latencyByDay = latency.ToDictionary(l => l.Day);
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var day in days)
        {
            latencyByDay.TryGetValue(day.Day, out var l);
            csv.Append(string.Join(',',
                day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                day.Calls.ToString(CultureInfo.InvariantCulture),
                Number(day.AverageHandlingSeconds, "0.0"),
                day.Contained.ToString(CultureInfo.InvariantCulture),
                day.Transferred.ToString(CultureInfo.InvariantCulture),
                Number(day.AverageSentiment, "0.000"),
                Number(day.AverageCsat, "0.00"),
                day.CsatResponses.ToString(CultureInfo.InvariantCulture),
                Number(l?.P50Ms, "0"),
                Number(l?.P95Ms, "0"))).Append("\r\n");
        }
        return csv.ToString();
    }

    static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
