using Microsoft.AspNetCore.Mvc.Testing;
using VoiceGrains.Testing.Twilio;

namespace VoiceGrains.Frontend.Tests;

/// <summary>
/// The front end in-process (WebApplicationFactory) as a client of a real silo process, both on a real
/// PostgreSQL. Its settings go in through environment variables, which the host reads as it is built. The silo's call
/// control talks to a local server that speaks Twilio's REST API (<see cref="Twilio"/>).
/// </summary>
public sealed class FrontendFixture : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();
    SiloProcess? silo;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public TwilioRestServer Twilio { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    /// <summary>Where this fixture's front end writes call recordings (a temporary folder, removed at the end).</summary>
    public string RecordingsFolder { get; } = Directory.CreateTempSubdirectory("voicegrains-recordings-").FullName;

    public async Task InitializeAsync()
    {
        await postgres.InitializeAsync();
        var database = ConnectionString = await postgres.CreateDatabaseAsync();
        var clusterId = "frontend-" + Guid.NewGuid().ToString("N")[..8];
        Twilio = await TwilioRestServer.StartAsync();
        silo = SiloProcess.Start(database, clusterId, new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = TwilioRestServer.AuthToken,
            ["Twilio__AccountSid"] = TwilioRestServer.AccountSid,
            ["Twilio__ApiBaseUrl"] = Twilio.BaseUrl.ToString(),
            ["Twilio__PublicBaseUrl"] = "https://voice.example.com",
        });
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));

        Environment.SetEnvironmentVariable("ConnectionStrings__voicegrains", database);
        Environment.SetEnvironmentVariable("Orleans__ClusterId", clusterId);
        Environment.SetEnvironmentVariable("Orleans__ServiceId", clusterId);
        // The auth token and public URL of ../shared/testdata/twilio/signatures/vectors.json.
        Environment.SetEnvironmentVariable("Twilio__AuthToken", TwilioSignatureVectors.AuthToken);
        Environment.SetEnvironmentVariable("Twilio__PublicBaseUrl", "https://voice.example.com");
        Environment.SetEnvironmentVariable("Recordings__Directory", RecordingsFolder);
        // The tests replay recorded sessions (../shared/testdata) as fast as they can, far ahead of their timestamps.
        Environment.SetEnvironmentVariable("MediaStreams__MaxTimestampLead", "01:00:00");
        // For the same reason the echo canceller is off here: it would pair the replayed caller audio, by its
        // timestamps, with the greeting sent meanwhile, and these tests check that the audio arrives byte for byte.
        // Echo removal is tested in VoiceGrains.Audio.Tests and through the whole product in the end-to-end tests.
        Environment.SetEnvironmentVariable("MediaStreams__EchoTail", "00:00:00");
        Factory = new WebApplicationFactory<Program>();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
        await postgres.DisposeAsync();
        await Twilio.DisposeAsync();
        Directory.Delete(RecordingsFolder, recursive: true);
    }
}
