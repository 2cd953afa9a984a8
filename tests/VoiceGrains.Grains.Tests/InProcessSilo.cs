using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using VoiceGrains.Silo;

namespace VoiceGrains.Grains.Tests;

/// <summary>
/// One silo in the test process, registered exactly as the silo host registers itself (<c>AddVoiceGrainsSilo</c> over
/// the silo's own appsettings.json: ADO.NET clustering, storage and reminders through the project's SQL, memory streams
/// polled every 5 ms), on its own PostgreSQL with the project's migrations and demo data. Only what a test must set
/// differs: loopback ports, short silence and keypad waits, and the test-only scripted recognizer for Whisper.
/// </summary>
public class InProcessSilo : IAsyncLifetime
{
    PostgresFixture postgres = new();
    IHost? host;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public IServiceProvider Services => host!.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    public ScriptedRecognizerForTests Recognizer { get; } = new();

    public virtual async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        Database = await postgres.CreateMigratedAsync();
        var cluster = "grains-" + Guid.NewGuid().ToString("N")[..8];

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "src", "VoiceGrains.Silo", "appsettings.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:voicegrains"] = Database.ConnectionString,
                ["Orleans:ClusterId"] = cluster,
                ["Orleans:ServiceId"] = cluster,
                ["Orleans:Endpoints:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Orleans:Endpoints:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Orleans:Endpoints:AdvertisedIPAddress"] = "127.0.0.1",
                ["Logging:LogLevel:Default"] = "Warning",
                // Short waits so silence and keypad tests take seconds; the speech is still paced to real time.
                ["Calls:SilencePrompt"] = "00:00:01",
                ["Calls:KeypadPause"] = "00:00:00.5",
            });
        Configure(builder);
        builder.AddVoiceGrainsSilo(_ => Recognizer);
        host = builder.Build();
        await host.StartAsync();
    }

    /// <summary>What a fixture for one kind of test sets on top (settings, a clock), before the silo registers itself.</summary>
    protected virtual void Configure(HostApplicationBuilder builder)
    {
    }

    public virtual async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
        await Database.DisposeAsync();
        await postgres.DisposeAsync();
    }
}
