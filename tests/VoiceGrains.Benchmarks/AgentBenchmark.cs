using VoiceGrains.Simulator;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation;
using VoiceGrains.Data;
using VoiceGrains.Data.Calls;
using VoiceGrains.Testing;

namespace VoiceGrains.Benchmarks;

/// <summary>
/// The offline engine's share of voice-to-voice latency: for a scripted call (identify, order lookup, booking,
/// hours, a policy question, goodbye) on the demo database, the time from a caller line to the agent's first sentence,
/// with the function calls and their database round trips included, for calls one at a time and several at once; the
/// policy question's answer (a knowledge-base search) also on its own.
/// </summary>
static class AgentBenchmark
{
    static readonly string[] Script =
    [
        "Hi, where is my order 10002?",
        "My name is Diego Brown and my zip code is 98101.",
        "I'd like to book a rug cleaning next Tuesday afternoon.",
        "The second one.",
        "Yes please.",
        "Are you open on Saturday?",
        KnowledgeQuestion,
        "That's all, thanks.",
        "Five.",
    ];

    const string KnowledgeQuestion = "What's your return policy?";

    public static async Task RunAsync(int calls, int concurrency)
    {
        await using var server = await PostgresServer.StartAsync();
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await new Data.Migrations.DatabaseMigrator(dataSource, Microsoft.Extensions.Logging.Abstractions.NullLogger<Data.Migrations.DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await new Data.Migrations.DemoSeeder(dataSource).SeedAsync(CancellationToken.None);
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(dataSource)
            .AddVoiceGrainsData()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddVoiceGrainsConversation()
            .BuildServiceProvider();

        await CallAsync(services);
        foreach (var parallel in new[] { 1, concurrency })
        {
            var firstSentence = new List<double>();
            var wholeReply = new List<double>();
            var knowledge = new List<double>();
            var started = Stopwatch.StartNew();
            for (var done = 0; done < calls; done += parallel)
            {
                var results = await Task.WhenAll(Enumerable.Range(0, Math.Min(parallel, calls - done)).Select(_ => Task.Run(() => CallAsync(services))));
                foreach (var result in results)
                {
                    firstSentence.AddRange(result.Select(r => r.First));
                    wholeReply.AddRange(result.Select(r => r.Whole));
                    knowledge.Add(result[Array.IndexOf(Script, KnowledgeQuestion)].First);
                }
            }
            Console.WriteLine($"| {parallel} at once, {calls} calls × {Script.Length} lines | {Percentiles.Of(firstSentence, 50):0.0} | {Percentiles.Of(firstSentence, 95):0.0} | " +
                              $"{Percentiles.Of(wholeReply, 50):0.0} | {Percentiles.Of(wholeReply, 95):0.0} | {Percentiles.Of(knowledge, 50):0.0} | {Percentiles.Of(knowledge, 95):0.0} | {started.Elapsed.TotalSeconds:0.0} s |");
        }
    }

    static async Task<List<(double First, double Whole)>> CallAsync(IServiceProvider services)
    {
        var callSid = $"BENCH-{Guid.NewGuid():N}";
        await services.GetRequiredService<CallRepository>().SaveCallAsync(
            new CallSnapshot(callSid, CallDirection.Inbound, "+15550199999", "+15550100000", null, CallStatus.Listening, DateTimeOffset.UtcNow, null, null, [], "bench"),
            CancellationToken.None);
        var agent = await services.GetRequiredService<ConversationAgentFactory>().CreateAsync(new CallerSession(callSid, "+15550199999"), null, CancellationToken.None);
        var timings = new List<(double, double)>();
        foreach (var line in Script)
        {
            var clock = Stopwatch.StartNew();
            double? first = null;
            await agent.ReplyAsync(line, _ =>
            {
                first ??= clock.Elapsed.TotalMilliseconds;
                return Task.CompletedTask;
            });
            timings.Add((first ?? clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds));
        }
        return timings;
    }
}
