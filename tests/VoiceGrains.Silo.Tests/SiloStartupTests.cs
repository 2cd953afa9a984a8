using System.Diagnostics;
using Npgsql;
using Xunit.Abstractions;

namespace VoiceGrains.Silo.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SiloStartupTests(PostgresFixture postgres, ITestOutputHelper output)
{
    static readonly TimeSpan PromptExit = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData(null, "ConnectionStrings:voicegrains is missing")]
    [InlineData("", "ConnectionStrings:voicegrains is missing")]
    [InlineData("Host=127.0.0.1;Port=not-a-port", "ConnectionStrings:voicegrains is not a valid PostgreSQL connection string")]
    [InlineData("Port=5432;Database=voicegrains", "ConnectionStrings:voicegrains names no Host")]
    public async Task AMissingOrMalformedConnectionStringStopsTheSiloAtOnceNamingTheSetting(string? connectionString, string message)
    {
        await using var silo = SiloProcess.Start(connectionString, "bad-connection");

        var exitCode = await silo.Host.WaitForExitAsync(PromptExit);

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{silo.Host.Output}");
        Assert.Contains(message, silo.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", silo.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Host.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Calls__TransferNumber", "555-0199", "Calls:TransferNumber must be an E.164 number")]
    [InlineData("Speech__Vad__Threshold", "2", "Speech:Vad: thresholds must satisfy")]
    [InlineData("Speech__Whisper__Model", "whisper-test-stub.en", "Speech:Whisper:Model must name a Whisper model")]
    [InlineData("Agent__MaxFunctionRounds", "0", "Agent:MaxFunctionRounds must be between 1 and 50")]
    [InlineData("Anthropic__MaxTokens", "5", "Anthropic:MaxTokens must be between 16 and 8192")]
    [InlineData("Speech__InferenceConcurrency", "0", "Speech:InferenceConcurrency must be between 1 and 256")]
    [InlineData("Speech__Voice", "piper:en_US-no-such-voice", "Speech:Voice must be piper:VOICE with a voice of Piper's catalogue")]
    [InlineData("Speech__Voice", "piper:test-stub", "Speech:Voice must be piper:VOICE")]
    [InlineData("Cluster__ExpectedSilos", "0", "Cluster:ExpectedSilos must be between 1 and 1000")]
    public async Task AWrongSettingStopsTheSiloAtStartNamingIt(string variable, string value, string message)
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var silo = SiloProcess.Start(database, "bad-setting", new Dictionary<string, string?> { [variable] = value });

        var exitCode = await silo.Host.WaitForExitAsync(PromptExit);

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{silo.Host.Output}");
        Assert.Contains(message, silo.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongDatabaseCredentialsStopTheSiloWithAMessageInsteadOfRetrying()
    {
        var database = await postgres.CreateDatabaseAsync();
        var wrongPassword = new NpgsqlConnectionStringBuilder(database) { Password = "not-the-password" }.ConnectionString;
        await using var silo = SiloProcess.Start(wrongPassword, "wrong-password");

        var exitCode = await silo.Host.WaitForExitAsync(PromptExit);

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{silo.Host.Output}");
        Assert.Contains("PostgreSQL refused the connection given by ConnectionStrings:voicegrains", silo.Host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", silo.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASiloStartedBeforeItsDatabaseJoinsOnceTheDatabaseIsUp()
    {
        var port = FreePort.Next();
        var password = Guid.NewGuid().ToString("N");
        var connectionString = $"Host=127.0.0.1;Port={port};Database=voicegrains;Username=postgres;Password={password}";
        await using var silo = SiloProcess.Start(connectionString, "late-database");
        await silo.Host.WaitForOutputAsync("PostgreSQL is not reachable (attempt 2)", TimeSpan.FromSeconds(30));

        var databaseUp = Stopwatch.StartNew();
        await using var server = await PostgresServer.StartAsync(port, password);
        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        output.WriteLine($"Silo healthy {databaseUp.ElapsedMilliseconds} ms after its database came up");

        Assert.Contains("PostgreSQL is reachable after", silo.Host.Output, StringComparison.Ordinal);
        Assert.False(silo.Host.HasExited);
    }

    [Fact]
    public async Task ASiloRefusesADatabaseMigratedByANewerBuild()
    {
        await using var dataSource = await postgres.CreateMigratedAsync(seed: false);
        await dataSource.ExecuteAsync("INSERT INTO schema_migrations (version, name, sha256) VALUES (999, 'from_the_future', 'x')");
        await using var silo = SiloProcess.Start(dataSource.ConnectionString, "newer-schema");

        var exitCode = await silo.Host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{silo.Host.Output}");
        Assert.Contains("schema is at version 999, newer than this build", silo.Host.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM orleans_membership"));
    }

    [Fact]
    public async Task OutsideDevelopmentASiloRefusesAnUnmigratedDatabase()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var silo = SiloProcess.Start(database, "production", new Dictionary<string, string?> { ["ASPNETCORE_ENVIRONMENT"] = "Production" });

        var exitCode = await silo.Host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, $"exit code {exitCode}; output:\n{silo.Host.Output}");
        Assert.Contains("Run 'voicegrains db migrate'", silo.Host.Output, StringComparison.Ordinal);
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.False(await dataSource.ScalarAsync<bool>("SELECT to_regclass('customers') IS NOT NULL"));
    }

    [Fact]
    public async Task ASiloWithoutSpeechModelsSaysWhichAreMissingAndHowToInstallThem()
    {
        var database = await postgres.CreateDatabaseAsync();
        var emptyModels = Directory.CreateTempSubdirectory("voicegrains-no-models").FullName;
        await using var silo = SiloProcess.Start(database, "no-models", new Dictionary<string, string?> { ["VOICEGRAINS_MODELS_DIR"] = emptyModels });

        await silo.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));

        Assert.Contains("Speech model whisper-tiny.en (stt) is not installed", silo.Host.Output, StringComparison.Ordinal);
        Assert.Contains("Run: voicegrains models fetch whisper-tiny.en", silo.Host.Output, StringComparison.Ordinal);
        Assert.Contains("Speech model silero-vad (vad) is not installed", silo.Host.Output, StringComparison.Ordinal);
        Assert.Contains("Speech:Voice piper:en_US-lessac-medium cannot speak, so the built-in espeak-ng voice does: Model 'piper:en_US-lessac-medium'",
            silo.Host.Output, StringComparison.Ordinal);
        Assert.Contains("Run: voicegrains models fetch piper:en_US-lessac-medium", silo.Host.Output, StringComparison.Ordinal);
        Assert.Contains("The agent speaks with espeak-ng:en-us", silo.Host.Output, StringComparison.Ordinal);
        Directory.Delete(emptyModels);
    }
}
