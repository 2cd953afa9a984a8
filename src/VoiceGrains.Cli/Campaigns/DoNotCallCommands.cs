using System.CommandLine;
using System.Net.Http.Json;
using VoiceGrains.Data.Campaigns;
using VoiceGrains.Data.Customers;

namespace VoiceGrains.Cli.Campaigns;

/// <summary><c>voicegrains do-not-call add|remove|list</c>: the numbers no campaign or outbound call may dial, through the console's REST API.</summary>
public static class DoNotCallCommands
{
    static readonly Argument<string> Phone = new("phone") { Description = "An E.164 number, e.g. +15550100015" };

    public static Command Create()
    {
        var add = new Command("add", "Put a number on the do-not-call list");
        add.Arguments.Add(Phone);
        add.Options.Add(ConsoleApi.Address);
        add.SetAction((parse, cancellationToken) => ChangeAsync(parse, HttpMethod.Put, "added to", cancellationToken));

        var remove = new Command("remove", "Take a number off the do-not-call list");
        remove.Arguments.Add(Phone);
        remove.Options.Add(ConsoleApi.Address);
        remove.SetAction((parse, cancellationToken) => ChangeAsync(parse, HttpMethod.Delete, "removed from", cancellationToken));

        var list = new Command("list", "The numbers on the do-not-call list, newest first");
        list.Options.Add(ConsoleApi.Address);
        list.SetAction((parse, cancellationToken) => ConsoleApi.RunAsync(parse, async http =>
        {
            if (await ConsoleApi.GetAsync<List<DoNotCallEntry>>(http, "/api/do-not-call?limit=1000", CampaignCommands.Json, cancellationToken) is not { } entries)
            {
                return 1;
            }
            foreach (var entry in entries)
            {
                Console.WriteLine($"{entry.Phone,-16}  {entry.Source.Name(),-8}  {entry.AddedAt:yyyy-MM-dd HH:mm}");
            }
            return 0;
        }, cancellationToken));

        var doNotCall = new Command("do-not-call", "Numbers the business must not call, honoured by every campaign and outbound call");
        doNotCall.Subcommands.Add(add);
        doNotCall.Subcommands.Add(remove);
        doNotCall.Subcommands.Add(list);
        return doNotCall;
    }

    static async Task<int> ChangeAsync(ParseResult parse, HttpMethod method, string done, CancellationToken cancellationToken)
    {
        var phone = parse.GetValue(Phone)!;
        if (!PhoneNumber.IsE164(phone))
        {
            await Console.Error.WriteLineAsync("voicegrains: the number must be E.164, e.g. +15550100015.");
            return 2;
        }
        return await ConsoleApi.RunAsync(parse, async http =>
        {
            using var response = await http.SendAsync(new HttpRequestMessage(method, $"/api/do-not-call/{Uri.EscapeDataString(phone)}"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await ConsoleApi.ReadAsync<object>(response, CampaignCommands.Json, cancellationToken);
                return 1;
            }
            Console.WriteLine($"{phone} {done} the do-not-call list.");
            return 0;
        }, cancellationToken);
    }
}
