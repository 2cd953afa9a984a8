using System.Net.Http.Json;
using System.Text.Json;
using VoiceGrains.Audio;
using Xunit.Abstractions;

namespace VoiceGrains.EndToEnd.Tests;

/// <summary>The live cluster with its front end behind a load balancer, so it can be replaced.</summary>
public sealed class BalancedLiveCallCluster : LiveCallCluster
{
    protected override bool BehindLoadBalancer => true;
}

/// <summary>
/// The front end replaced twice during a spoken call, as a rolling deploy replaces it: the call's media WebSocket
/// cannot move, so the call has Twilio (the local stand-in, and the simulator playing Twilio's side of the call) open
/// it a new stream through the load balancer to the front end that stays.
/// </summary>
public sealed class FrontEndRolloutTests(BalancedLiveCallCluster cluster, ITestOutputHelper output) : IClassFixture<BalancedLiveCallCluster>
{
    [Fact]
    public async Task ARollingRestartOfTheFrontEndDuringACallMovesItsStreamAndLosesNoTurn()
    {
        var lines = Enumerable.Repeat("Are you open on Saturday?", 8).ToArray();
        Task<List<string>>? rollout = null;

        var call = await cluster.CallAsync(lines, (_, _, _) =>
        {
            rollout ??= RollOutAsync(times: 2);
            return Task.CompletedTask;
        });

        var steps = await rollout!;
        steps.ForEach(output.WriteLine);
        output.WriteLine(string.Join(" | ", call.Turns.Select(t => $"{t.VoiceToVoiceMs:0} ms")));
        output.WriteLine($"silence while the agent spoke: {string.Join(", ", call.MoveSilencesMs.Select(ms => $"{ms:0} ms"))}");
        Assert.Equal(2, call.StreamsMoved);
        Assert.Equal("completed", call.Outcome);
        var record = await cluster.Api.GetFromJsonAsync<JsonElement>(new Uri(cluster.Console, $"/api/calls/{call.CallSid}"));
        var turns = record.GetProperty("turns").EnumerateArray().ToList();
        // No caller turn lost, none heard twice, and every one answered with audio the caller heard.
        Assert.Equal(lines.Length, turns.Count(t => t.GetProperty("speaker").GetString() == "caller"));
        Assert.All(call.Turns, t => Assert.NotNull(t.VoiceToVoiceMs));
        Assert.All(steps, step => Assert.DoesNotContain("exit code", step, StringComparison.Ordinal));
        // One recording, all three streams' parts in it: the call's whole length (8 lines of ~2 s with their answers).
        var recording = WavFile.Read(call.RecordingPath!);
        Assert.True(recording.Duration > TimeSpan.FromSeconds(25), $"recording of {recording.Duration}");
    }

    async Task<List<string>> RollOutAsync(int times)
    {
        var steps = new List<string>();
        for (var i = 0; i < times; i++)
        {
            var (joined, exited, exitCode) = await cluster.ReplaceFrontEndAsync();
            steps.Add($"front end replaced: the new one ready in {joined.TotalMilliseconds:0} ms, SIGTERM to exit {exited.TotalMilliseconds:0} ms"
                      + (exitCode == 0 ? "" : $", exit code {exitCode}"));
        }
        return steps;
    }
}
