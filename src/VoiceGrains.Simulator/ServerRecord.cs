using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace VoiceGrains.Simulator;

/// <summary>
/// Reads the server's record of a finished call (<c>GET /api/calls/{sid}</c>, which the operators' console answers
/// from the call's grain, for an operator's API token) into the report: what was heard of each caller line, what the agent said, outcome and recording.
/// The record is waited for until the call has ended there and its recording is written.
/// </summary>
static class ServerRecord
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task CompleteAsync(HttpClient http, SimulatorOptions options, CallReport report, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        JsonElement call;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Console, $"/api/calls/{report.CallSid}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiToken);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new SimulatorException($"The server has no record of call {report.CallSid}.");
            }
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new SimulatorException($"The console at {options.Console} refused the API token ({(int)response.StatusCode}).");
            }
            response.EnsureSuccessStatusCode();
            call = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
            // The recording is written as the media stream closes, just after the call has ended.
            if (Text(call, "status") == "ended" && Text(call, "recordingPath") is not null)
            {
                break;
            }
            await Task.Delay(200, cancellationToken);
        }
        while (DateTime.UtcNow < deadline);

        report.Status = Text(call, "status");
        report.Outcome = Text(call, "outcome");
        report.RecordingPath = Text(call, "recordingPath");
        var turns = call.GetProperty("turns").EnumerateArray()
            .Select(t => (Caller: Text(t, "speaker") == "caller", Text: Text(t, "text") ?? ""))
            .ToList();
        report.Greeting = string.Join(" ", turns.TakeWhile(t => !t.Caller).Select(t => t.Text));
        var callerTurns = turns.Select((t, i) => (t, i)).Where(x => x.t.Caller).Select(x => x.i).ToList();
        for (var n = 0; n < Math.Min(callerTurns.Count, report.Turns.Count); n++)
        {
            var index = callerTurns[n];
            report.Turns[n].Heard = turns[index].Text;
            report.Turns[n].AgentSaid = string.Join(" ", turns.Skip(index + 1).TakeWhile(t => !t.Caller).Select(t => t.Text));
        }
    }

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
