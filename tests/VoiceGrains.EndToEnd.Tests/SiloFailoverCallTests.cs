using System.Net.Http.Json;
using System.Text.Json;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary>Two scripted silos: one dies (SIGKILL) in the middle of a spoken call.</summary>
public sealed class TwoSiloLiveCallCluster : LiveCallCluster
{
    protected override int SiloCount => 2;
}

public sealed class SiloFailoverCallTests(TwoSiloLiveCallCluster cluster) : IClassFixture<TwoSiloLiveCallCluster>
{
    [Fact]
    public async Task ACallWhoseSiloIsKilledGoesOnOnTheSurvivorAndKeepsItsEarlierTurns()
    {
        string[] lines =
        [
            "Are you open on Saturday?",
            "What time do you close on Friday?",
            "Are you open on Saturday?",
            "What time do you close on Friday?",
            "Are you open on Saturday?",
            "What time do you close on Friday?",
        ];
        string[] beforeKill = [];
        SiloProcess? killed = null;

        var call = await cluster.CallAsync(lines, async (callSid, turn, cancellationToken) =>
        {
            if (killed is not null || turn.Line != lines[1])
            {
                return;
            }
            // Wait for the reply to be stored, then kill the silo that holds the call.
            JsonElement record;
            do
            {
                await Task.Delay(500, cancellationToken);
                record = await cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(cluster.FrontEnd, $"/api/calls/{callSid}"), cancellationToken);
            }
            while (record.GetProperty("turns").GetArrayLength() < 5);
            beforeKill = record.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("text").GetString()!).ToArray();
            var host = record.GetProperty("host").GetString()!;
            killed = cluster.Silos.Single(s => host.StartsWith(s.IdentityPrefix, StringComparison.Ordinal));
            killed.Host.Kill();
        });

        Assert.NotNull(killed);
        Assert.Equal("completed", call.Outcome);
        var record = await cluster.Http.GetFromJsonAsync<JsonElement>(new Uri(cluster.FrontEnd, $"/api/calls/{call.CallSid}"));
        var turns = record.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(beforeKill, turns.Take(beforeKill.Length).Select(t => t.GetProperty("text").GetString()));
        Assert.StartsWith(cluster.Silos.Single(s => s != killed).IdentityPrefix, record.GetProperty("host").GetString(), StringComparison.Ordinal);
        // After the kill the caller was still heard, and answered, on the surviving silo, and the answers' audio came
        // back to the caller. Not every line: until the cluster declares the silo dead (a few seconds of missed probes)
        // and while the in-memory audio queues it held are rebuilt, a line spoken then can go unanswered (2 of 3 runs
        // here lost the first line after the kill; the next answer came ~8 s later).
        var after = turns.Skip(beforeKill.Length).ToList();
        Assert.Contains(after, t => t.GetProperty("speaker").GetString() == "caller");
        Assert.Contains(after, t => t.GetProperty("speaker").GetString() == "agent");
        Assert.True(call.Turns.TakeLast(2).Any(t => t.VoiceToVoiceMs is not null),
            $"no agent audio reached the caller in the last two turns: {string.Join(" | ", call.Turns.Select(t => $"{t.Line} {t.VoiceToVoiceMs:0}"))}");
    }
}
