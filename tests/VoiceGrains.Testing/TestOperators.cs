using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VoiceGrains.Operators;

namespace VoiceGrains.Testing;

/// <summary>An operator of a test database, made as `voicegrains operators add` and `token` make them.</summary>
public sealed record TestOperator(string Email, string Password, string ApiToken)
{
    public const string Password12 = "correct horse battery";

    /// <summary>Adds an operator with this role to the (migrated) database and issues them an API token.</summary>
    public static async Task<TestOperator> AddAsync(string connectionString, string role)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddLogging();
        services.AddVoiceGrainsOperators();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        var op = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().AddAsync(email, Password12, role);
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(op, "tests", CancellationToken.None);
        return new TestOperator(email, Password12, token);
    }

    /// <summary>An HTTP client that presents this operator's API token.</summary>
    public HttpClient Client(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiToken);
        return client;
    }
}
