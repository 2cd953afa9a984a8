using System.Buffers.Text;
using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using VoiceGrains.Cli.Database;
using VoiceGrains.Operators;

namespace VoiceGrains.Cli.Operators;

/// <summary><c>voicegrains operators add|list|token|revoke</c>: the people who may use the console and the REST API.</summary>
public static class OperatorCommands
{
    static readonly Argument<string> Email = new("email") { Description = "The operator's email address (their sign-in name)" };

    static readonly Option<string> Role = new("--role")
    {
        Description = $"One of {string.Join(", ", OperatorRoles.All)} (default viewer)",
        DefaultValueFactory = _ => OperatorRoles.Viewer,
    };

    static readonly Option<bool> PasswordStdin = new("--password-stdin")
    {
        Description = "Read the password (12 characters or more) from the first line of standard input; without it one is generated and printed once",
    };

    static readonly Option<string> TokenName = new("--name")
    {
        Description = "What the token is for, e.g. the script that uses it",
        Required = true,
    };

    public static Command Create()
    {
        var add = new Command("add", "Add an operator with a role; prints the generated password unless --password-stdin gives one");
        add.Arguments.Add(Email);
        add.Options.Add(Role);
        add.Options.Add(PasswordStdin);
        add.Options.Add(DatabaseHost.Connection);
        add.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, AddAsync, AddOperators, cancellationToken));

        var list = new Command("list", "List operators with their roles and whether they are locked out");
        list.Options.Add(DatabaseHost.Connection);
        list.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, ListAsync, AddOperators, cancellationToken));

        var token = new Command("token", "Issue an API token for an operator's scripts (Authorization: Bearer …); printed once, stored only as a hash");
        token.Arguments.Add(Email);
        token.Options.Add(TokenName);
        token.Options.Add(DatabaseHost.Connection);
        token.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, TokenAsync, AddOperators, cancellationToken));

        var revoke = new Command("revoke", "Revoke an operator's API tokens of that name");
        revoke.Arguments.Add(Email);
        revoke.Options.Add(TokenName);
        revoke.Options.Add(DatabaseHost.Connection);
        revoke.SetAction((parse, cancellationToken) => DatabaseHost.RunAsync(parse, RevokeAsync, AddOperators, cancellationToken));

        var operators = new Command("operators", "The people who may use the console and the REST API, and their API tokens");
        operators.Subcommands.Add(add);
        operators.Subcommands.Add(list);
        operators.Subcommands.Add(token);
        operators.Subcommands.Add(revoke);
        return operators;
    }

    static void AddOperators(HostApplicationBuilder builder) => builder.Services.AddVoiceGrainsOperators();

    static async Task<int> AddAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        var email = parse.GetRequiredValue(Email);
        var generated = !parse.GetValue(PasswordStdin);
        var password = generated ? Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18)) : await Console.In.ReadLineAsync(cancellationToken) ?? "";
        using var scope = services.CreateScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().AddAsync(email, password, parse.GetRequiredValue(Role));
        }
        catch (OperatorAccountException e)
        {
            await Console.Error.WriteLineAsync($"voicegrains: {e.Message}");
            return 2;
        }
        Console.WriteLine($"Added {email} as {parse.GetRequiredValue(Role)}.");
        if (generated)
        {
            Console.WriteLine($"Password (shown once): {password}");
        }
        return 0;
    }

    static async Task<int> ListAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var time = TimeProvider.System.GetUtcNow();
        foreach (var (op, role) in await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().ListAsync(cancellationToken))
        {
            var locked = op.LockoutEnd > time ? "  (locked out)" : "";
            Console.WriteLine($"{op.Email,-40} {role}{locked}");
        }
        return 0;
    }

    static async Task<int> TokenAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        if (await FindAsync(scope, parse) is not { } op)
        {
            return 2;
        }
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(op, parse.GetRequiredValue(TokenName), cancellationToken);
        Console.WriteLine(token);
        return 0;
    }

    static async Task<int> RevokeAsync(IServiceProvider services, ParseResult parse, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        if (await FindAsync(scope, parse) is not { } op)
        {
            return 2;
        }
        var revoked = await scope.ServiceProvider.GetRequiredService<ApiTokens>().RevokeAsync(op, parse.GetRequiredValue(TokenName), cancellationToken);
        Console.WriteLine($"Revoked {revoked} token(s).");
        return 0;
    }

    static async Task<Operator?> FindAsync(IServiceScope scope, ParseResult parse)
    {
        var email = parse.GetRequiredValue(Email);
        var op = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().FindAsync(email);
        if (op is null)
        {
            await Console.Error.WriteLineAsync($"voicegrains: no operator {email}.");
        }
        return op;
    }
}
