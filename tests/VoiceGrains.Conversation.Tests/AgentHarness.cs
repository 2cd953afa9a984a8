using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceGrains.Contracts.Calls;
using VoiceGrains.Contracts.Customers;
using VoiceGrains.Data;
using VoiceGrains.Data.Calls;

namespace VoiceGrains.Conversation.Tests;

/// <summary>
/// The product's own services over a real, seeded PostgreSQL database: the agent factory as a host builds it,
/// with the offline engine or with Claude at a given base URL. Each agent gets a call row, as a live call has.
/// </summary>
public sealed class AgentHarness : IAsyncDisposable
{
    readonly ServiceProvider services;

    AgentHarness(NpgsqlDataSource dataSource, ServiceProvider services)
    {
        DataSource = dataSource;
        this.services = services;
    }

    public NpgsqlDataSource DataSource { get; }

    public ConversationAgentFactory Factory => services.GetRequiredService<ConversationAgentFactory>();

    public static async Task<AgentHarness> StartAsync(PostgresFixture postgres, IReadOnlyDictionary<string, string?>? settings = null) =>
        await StartAsync(await postgres.CreateMigratedAsync(), settings);

    /// <summary>Over a database the test has prepared itself; the harness disposes it.</summary>
    public static Task<AgentHarness> StartAsync(NpgsqlDataSource dataSource, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(dataSource)
            .AddVoiceGrainsData()
            .AddSingleton<IConfiguration>(configuration)
            .AddVoiceGrainsConversation()
            .BuildServiceProvider();
        return Task.FromResult(new AgentHarness(dataSource, services));
    }

    /// <summary>Settings that make the agent use Claude at <paramref name="baseUrl"/> with the test server's key.</summary>
    public static Dictionary<string, string?> Claude(Uri baseUrl, TimeSpan? requestTimeout = null, int maxRetries = 2) => new()
    {
        ["Anthropic:ApiKey"] = Testing.Anthropic.AnthropicProtocolServer.ApiKey,
        ["Anthropic:BaseUrl"] = baseUrl.ToString(),
        ["Anthropic:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(10)).ToString(),
        ["Anthropic:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    const string Business = "+15550100000";

    public T Service<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>
    /// A new call with <paramref name="from"/>: an inbound one, or with <paramref name="purpose"/> one we placed to that
    /// number (asking <paramref name="surveyId"/> when given), for <paramref name="customer"/> when the number is theirs.
    /// </summary>
    public async Task<ConversationAgent> NewCallAsync(string from = "+15550199999", string? purpose = null, long? surveyId = null, CustomerContext? customer = null)
    {
        var callSid = $"CA{Guid.NewGuid():N}";
        var direction = purpose is null ? CallDirection.Inbound : CallDirection.Outbound;
        await services.GetRequiredService<CallRepository>().SaveCallAsync(
            purpose is null
                ? new CallSnapshot(callSid, direction, from, Business, null, CallStatus.Listening, DateTimeOffset.UtcNow, null, null, [], "test")
                : new CallSnapshot(callSid, direction, Business, from, null, CallStatus.Listening, DateTimeOffset.UtcNow, null, null, [], "test", Purpose: purpose),
            CancellationToken.None);
        return await Factory.CreateAsync(new CallerSession(callSid, from) { Purpose = purpose, SurveyId = surveyId }, customer, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await DataSource.DisposeAsync();
    }
}
