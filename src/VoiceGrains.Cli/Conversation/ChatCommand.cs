using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VoiceGrains.Cli.Database;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Conversation;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Cli.Conversation;

/// <summary>
/// <c>voicegrains chat</c>: a text conversation with the same agent a phone call gets, against the database.
/// The conversation is stored as a call (direction inbound, sid CHAT-…) with its turns and function calls.
/// </summary>
public static class ChatCommand
{
    /// <summary>A number no demo customer has, so the caller must identify themselves unless --from says otherwise.</summary>
    const string UnknownCaller = "+15550199999";

    static readonly Option<string> From = new("--from")
    {
        Description = "The caller's phone number (E.164); a customer's number identifies them",
        DefaultValueFactory = _ => UnknownCaller,
    };

    static readonly Option<FileInfo?> Script = new("--script")
    {
        Description = "Read the caller's lines from this file (one per line; blank lines and # comments skipped) instead of the keyboard",
    };

    static readonly Option<bool> Json = new("--json") { Description = "Print the whole conversation as JSON at the end (with --script)" };

    static readonly Option<bool> Verbose = new("--verbose") { Description = "Show each function call as it happens" };

    static readonly JsonSerializerOptions JsonOutput = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var chat = new Command("chat", "Talk to the agent in text: orders, appointments, hours and account, against the database");
        chat.Options.Add(DatabaseHost.Connection);
        chat.Options.Add(From);
        chat.Options.Add(Script);
        chat.Options.Add(Json);
        chat.Options.Add(Verbose);
        chat.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, RunAsync,
            builder => builder.Services.AddVoiceGrainsConversation(), cancellationToken));
        return chat;
    }

    static async Task<int> RunAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        var script = parse.GetValue(Script);
        var json = parse.GetValue(Json);
        if (json && script is null)
        {
            await Console.Error.WriteLineAsync("voicegrains: --json needs --script FILE (the interactive chat prints as it goes).");
            return 2;
        }
        if (script is { Exists: false })
        {
            await Console.Error.WriteLineAsync($"voicegrains: script file not found: {script.FullName}");
            return 2;
        }

        var from = parse.GetValue(From)!;
        var factory = services.GetRequiredService<ConversationAgentFactory>();
        var calls = services.GetRequiredService<CallRepository>();
        var time = services.GetRequiredService<TimeProvider>();
        var callSid = $"CHAT-{Guid.NewGuid():N}";
        var started = time.GetUtcNow();
        await calls.SaveCallAsync(Snapshot(callSid, from, null, CallStatus.Listening, started, null, null), cancellationToken);

        var session = new CallerSession(callSid, from);
        var agent = await factory.CreateAsync(session, null, cancellationToken);
        var transcript = new ChatTranscript(callSid, factory.Engine, agent.Greeting, []);
        var verbose = parse.GetValue(Verbose);
        var lines = script is null ? ReadKeyboard() : ReadScript(script);
        if (!json)
        {
            Console.WriteLine($"VoiceGrains chat · {transcript.Engine} · call {callSid}{(script is null ? " · an empty line hangs up" : "")}");
            Console.WriteLine($"agent> {agent.Greeting}");
        }

        var seq = 0;
        await calls.SaveTurnsAsync(callSid, [new CallTurn(seq++, Speaker.Agent, agent.Greeting, started, started, new TurnLatency())], cancellationToken);
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            if (!json && script is not null)
            {
                Console.WriteLine($"you> {line}");
            }
            var callerSeq = seq++;
            var callsBefore = session.FunctionCalls.Count;
            var callerAt = time.GetUtcNow();
            if (!json)
            {
                Console.Write("agent> ");
            }
            var (reply, decision, _) = await agent.ReplyAsync(line, sentence =>
            {
                if (!json)
                {
                    Console.Write(sentence + " ");
                }
                return Task.CompletedTask;
            }, callerSeq, cancellationToken: cancellationToken);
            var made = session.FunctionCalls.Skip(callsBefore).ToList();
            if (!json)
            {
                Console.WriteLine();
                foreach (var call in made.Where(_ => verbose))
                {
                    Console.WriteLine($"   · {call.Name}({call.ArgumentsJson}) → {(call.Success ? "ok" : "refused")} in {call.DurationMs} ms: {call.ResultJson}");
                }
            }
            transcript.Turns.Add(new ChatExchange(reply.CallerText, reply.Text, reply.CallerUnderstanding.Intent, made));

            var answeredAt = time.GetUtcNow();
            await calls.SaveTurnsAsync(callSid,
            [
                new CallTurn(callerSeq, Speaker.Caller, reply.CallerText, callerAt, callerAt, new TurnLatency(), reply.CallerUnderstanding),
                new CallTurn(seq++, Speaker.Agent, reply.Text, callerAt, answeredAt, new TurnLatency(LlmFirstTokenMs: reply.FirstTokenMs), Tokens: reply.Tokens),
            ], cancellationToken);
            if (decision != ReplyDecision.None)
            {
                break;
            }
        }

        var outcome = session.TransferReason is not null ? CallOutcome.Transferred : CallOutcome.Completed;
        var wrapUp = await agent.WrapUpAsync(outcome, cancellationToken);
        transcript.Outcome = outcome.Name();
        transcript.Summary = wrapUp.Summary;
        transcript.Sentiment = wrapUp.Sentiment;
        await calls.SaveCallAsync(Snapshot(callSid, from, session.CustomerId, CallStatus.Ended, started, time.GetUtcNow(), outcome), CancellationToken.None);
        await calls.SaveWrapUpAsync(callSid, wrapUp.Summary, wrapUp.Sentiment, CancellationToken.None);

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(transcript, JsonOutput));
        }
        else
        {
            Console.WriteLine($"Call {callSid} ended ({transcript.Outcome}). Summary: {wrapUp.Summary}");
        }
        return 0;
    }

    static CallSnapshot Snapshot(string callSid, string from, long? customerId, CallStatus status, DateTimeOffset started, DateTimeOffset? ended, CallOutcome? outcome) =>
        new(callSid, CallDirection.Inbound, from, "chat", customerId, status, started, ended, outcome, [], Environment.MachineName);

    static async IAsyncEnumerable<string> ReadKeyboard()
    {
        while (true)
        {
            Console.Write("you> ");
            var line = await Console.In.ReadLineAsync();
            if (string.IsNullOrWhiteSpace(line))
            {
                yield break;
            }
            yield return line;
        }
    }

    static async IAsyncEnumerable<string> ReadScript(FileInfo script)
    {
        foreach (var line in await File.ReadAllLinesAsync(script.FullName))
        {
            if (!string.IsNullOrWhiteSpace(line) && !line.TrimStart().StartsWith('#'))
            {
                yield return line.Trim();
            }
        }
    }
}
