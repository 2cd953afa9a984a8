using System.Xml.Linq;
using Npgsql;
using VoiceGrains.Simulator;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary>
/// A database restart and a replayed webhook during a live call, through the running processes (issue: hardening).
/// </summary>
[Collection(LiveCallCollection.Name)]
public sealed class FailureTests(LiveCallCluster cluster)
{
    static readonly string[] Lines = ["Where is my order 10002?", "Are you open on Saturday?", "No, that's all, goodbye.", "Five."];

    async Task<long> StoredTurnsAsync(string callSid)
    {
        await using var database = cluster.Database();
        await using var command = database.CreateCommand("SELECT count(*) FROM call_turns WHERE call_sid = @sid");
        command.Parameters.AddWithValue("sid", callSid);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task APostgresRestartMidCallLosesNoCallerLineAndNoTurnAndTheNextCallIsAnsweredNormally()
    {
        Task? restart = null;
        var call = await cluster.CallAsync(Lines, (_, _, _) =>
        {
            // From the first answer's start: the database goes away while that answer plays and the caller says the next
            // line (the reply takes about 5 s, the line 2 s), and comes back as the line is being heard.
            restart ??= Task.Run(async () =>
            {
                await cluster.Postgres.StopAsync();
                await Task.Delay(TimeSpan.FromSeconds(8));
                await cluster.Postgres.StartAgainAsync();
            }, CancellationToken.None);
            return Task.CompletedTask;
        });
        await restart!;
        var next = await cluster.CallAsync(Lines);

        var heard = string.Join("\n", call.Turns.Select(t => $"{t.Line} | heard: {t.Heard} | agent: {t.AgentSaid}"));
        Assert.Equal(Lines.Length, call.Turns.Count);
        Assert.True(call.Turns.All(t => t.VoiceToVoiceMs is not null && t.Heard == t.Line), heard);
        Assert.Contains("open", call.Turns[1].AgentSaid, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1 + 2 * Lines.Length, await StoredTurnsAsync(call.CallSid));     // the greeting, each line and its answer
        Assert.Equal("completed", call.Outcome);
        Assert.True(next.Turns.All(t => t.VoiceToVoiceMs is not null), string.Join("\n", next.Turns.Select(t => $"{t.Line} | agent: {t.AgentSaid}")));
        Assert.Equal(1 + 2 * Lines.Length, await StoredTurnsAsync(next.CallSid));
    }

    [Fact]
    public async Task AVoiceWebhookReplayedDuringALiveCallGetsNoWayIntoItAndTheCallGoesOn()
    {
        string? replayedTwiml = null;
        var call = await cluster.CallAsync(Lines, async (callSid, _, cancellationToken) =>
        {
            // Byte for byte what Twilio sent for this call (the simulator signs it as Twilio does); a signature has no nonce.
            replayedTwiml ??= await ReplayVoiceWebhookAsync(callSid, cancellationToken);
        });

        var twiml = XDocument.Parse(replayedTwiml!);
        Assert.Empty(twiml.Descendants("Stream"));
        Assert.Empty(twiml.Descendants("Parameter"));
        Assert.True(call.Turns.All(t => t.VoiceToVoiceMs is not null), string.Join("\n", call.Turns.Select(t => $"{t.Line} | agent: {t.AgentSaid}")));
        Assert.Equal("completed", call.Outcome);
    }

    async Task<string> ReplayVoiceWebhookAsync(string callSid, CancellationToken cancellationToken)
    {
        var options = new SimulatorOptions
        {
            Server = cluster.FrontEnd, AuthToken = TwilioRestServer.AuthToken, Console = cluster.Console, ApiToken = cluster.Supervisor.ApiToken,
        };
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", "AC00000000000000000000000000000000"), new("ApiVersion", "2010-04-01"), new("CallSid", callSid),
            new("CallStatus", "ringing"), new("Direction", "inbound"), new("From", options.From), new("Caller", options.From),
            new("To", options.To), new("Called", options.To),
        };
        var url = new Uri(cluster.FrontEnd, "/twilio/voice");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", TwilioWebhookSignature.Sign(TwilioRestServer.AuthToken, url.ToString(), form));
        using var response = await cluster.Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }
}
