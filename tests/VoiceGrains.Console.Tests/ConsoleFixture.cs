using Microsoft.AspNetCore.Mvc.Testing;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Tests;

/// <summary>
/// The console in-process (WebApplicationFactory) as a client of a real silo process, both on a real PostgreSQL, with
/// one operator of each role. Its settings go in through environment variables, which the host reads as it is built.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();
    SiloProcess? silo;
    HostProcess? process;

    public const int HistoryCalls = 2000;

    public const int HistoryDays = 60;

    /// <summary>Twilio WebRTC settings of the in-process console (made-up sids and secret: nothing here reaches Twilio).</summary>
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";

    public const string TwimlAppSid = "AP0123456789abcdef0123456789abcdef";

    public const string ApiKeySid = "SK0123456789abcdef0123456789abcdef";

    public const string ApiKeySecret = "softphone-test-secret-0123456789";

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public TestOperator Viewer { get; private set; } = null!;

    public TestOperator Supervisor { get; private set; } = null!;

    public TestOperator Admin { get; private set; } = null!;

    /// <summary>The same console as its own process on a real port, for the browser tests.</summary>
    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        var database = ConnectionString = await postgres.CreateDatabaseAsync();
        var clusterId = "console-" + Guid.NewGuid().ToString("N")[..8];
        silo = SiloProcess.Start(database, clusterId);
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        // Months of finished calls for the analytics (all started before today, so the tests' own calls stay newest).
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(database))
        {
            await new VoiceGrains.Data.Migrations.HistorySeeder(dataSource).SeedAsync(HistoryCalls, HistoryDays, CancellationToken.None);
        }

        Environment.SetEnvironmentVariable("ConnectionStrings__voicegrains", database);
        Environment.SetEnvironmentVariable("Orleans__ClusterId", clusterId);
        Environment.SetEnvironmentVariable("Orleans__ServiceId", clusterId);
        // The softphone on, relaying to a front end that is not there (port 9, discard: nothing listens).
        Environment.SetEnvironmentVariable("Softphone__FrontEndUrl", "http://127.0.0.1:9");
        Environment.SetEnvironmentVariable("Softphone__TwimlAppSid", TwimlAppSid);
        Environment.SetEnvironmentVariable("Softphone__ApiKeySid", ApiKeySid);
        Environment.SetEnvironmentVariable("Softphone__ApiKeySecret", ApiKeySecret);
        Environment.SetEnvironmentVariable("Twilio__AccountSid", AccountSid);
        Factory = new WebApplicationFactory<Program>();
        (process, Address) = WebProcess.Start(WebProcess.Console, database, clusterId);
        await Health.WaitUntilHealthyAsync(process, Address.Port, TimeSpan.FromSeconds(90));
        Viewer = await TestOperator.AddAsync(database, OperatorRoles.Viewer);
        Supervisor = await TestOperator.AddAsync(database, OperatorRoles.Supervisor);
        Admin = await TestOperator.AddAsync(database, OperatorRoles.Admin);
    }

    /// <summary>A client of the in-process console that presents this operator's API token.</summary>
    public HttpClient ClientFor(TestOperator op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", op.ApiToken);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (process is not null)
        {
            await process.DisposeAsync();
        }
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
        await postgres.DisposeAsync();
    }
}
