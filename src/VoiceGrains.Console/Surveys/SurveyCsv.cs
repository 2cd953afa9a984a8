using System.Globalization;
using CsvHelper;
using VoiceGrains.Data.Surveys;

namespace VoiceGrains.Console.Surveys;

/// <summary>
/// A survey's answers as CSV, one row per answer with its response (RFC 4180, through CsvHelper: open answers are
/// free text and need quoting).
/// </summary>
public static class SurveyCsv
{
    public static string Write(Survey survey, IReadOnlyList<SurveyResponseRow> rows)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var header in new[] { "response_id", "call_sid", "phone", "started_at", "completed_at", "declined", "question", "question_text", "answer", "value", "sentiment", "keyed", "answered_at" })
        {
            csv.WriteField(header);
        }
        csv.NextRecord();
        foreach (var row in rows)
        {
            csv.WriteField(row.ResponseId);
            csv.WriteField(row.CallSid);
            csv.WriteField(row.Phone);
            csv.WriteField(Instant(row.StartedAt));
            csv.WriteField(row.CompletedAt is { } completed ? Instant(completed) : "");
            csv.WriteField(row.Declined ? "true" : "false");
            csv.WriteField(row.Question);
            csv.WriteField(survey.Question(row.Question)?.Text ?? "");
            csv.WriteField(row.Answer);
            csv.WriteField(row.Value?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(row.Sentiment?.ToString("0.000", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(row.Keyed ? "true" : "false");
            csv.WriteField(Instant(row.AnsweredAt));
            csv.NextRecord();
        }
        csv.Flush();
        return text.ToString();
    }

    static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
