using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using VoiceGrains.Contracts;
using VoiceGrains.Conversation;
using VoiceGrains.Data;
using VoiceGrains.Grains.Calls;
using VoiceGrains.Grains.Speech;
using VoiceGrains.Speech.Inference;
using VoiceGrains.Speech.Models;
using VoiceGrains.Speech.Tts;
using VoiceGrains.Speech.Vad;

namespace VoiceGrains.Grains.Tests;

/// <summary>
/// One silo in the test process, on its own PostgreSQL: the project's migrations and demo data, ADO.NET grain
/// storage and reminders through the project's own SQL. Clustering is local: membership is covered by the
/// multi-process tests.
/// </summary>
public sealed class InProcessSilo : IAsyncLifetime
{
    PostgresFixture postgres = new();
    IHost? host;

    public NpgsqlDataSource Database { get; private set; } = null!;

    public IServiceProvider Services => host!.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    public IClusterClient Cluster => Services.GetRequiredService<IClusterClient>();

    public ScriptedRecognizerForTests Recognizer { get; } = new();

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        Database = await postgres.CreateMigratedAsync();
        var connectionString = Database.ConnectionString;

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(Database);
        builder.Services.AddVoiceGrainsData();
        builder.Services.AddVoiceGrainsConversation(builder.Configuration);
        // Short waits so silence and keypad tests take seconds; the speech is still paced to real time.
        builder.Services.Configure<CallOptions>(o =>
        {
            o.SilencePrompt = TimeSpan.FromSeconds(1);
            o.KeypadPause = TimeSpan.FromMilliseconds(500);
        });
        var silero = ModelCatalog.Get("silero-vad");
        builder.Services.AddSingleton(Recognizer);
        builder.Services.AddSingleton(new SpeechServices(
            new InferencePool(),
            ModelStore.Default().IsInstalled(silero) ? new SileroVadModel(ModelStore.Default().PathOf(silero)) : null,
            Recognizer,
            new EspeakEngine()));
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort.Next(), FreePort.Next())
            .AddAdoNetGrainStorage(StorageNames.Calls, options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            })
            .UseAdoNetReminderService(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            })
            .AddMemoryGrainStorage(StorageNames.PubSub)
            .AddMemoryStreams(StreamNames.AudioProvider));
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
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
