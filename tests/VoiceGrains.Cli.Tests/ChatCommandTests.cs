using System.Text.Json;

namespace VoiceGrains.Cli.Tests;

/// <summary><c>voicegrains chat</c> as a user runs it: a process, a seeded database, a script of caller lines.</summary>
public sealed class ChatCommandTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    static Task<(int ExitCode, string Output)> RunAsync(string connectionString, params string[] arguments) =>
        VoiceGrainsCommand.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__voicegrains"] = connectionString }, TimeSpan.FromSeconds(90), arguments);

    [Fact]
    public async Task AScriptedChatLooksUpAnOrderBooksAndPrintsEveryReplyAndFunctionCallAsJson()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();
        var script = Path.GetTempFileName();
        await File.WriteAllLinesAsync(script,
        [
            "# a caller who is not calling from their own phone",
            "Hi, where is my order 10002?",
            "Diego Brown, zip code 98101.",
            "",
            "I'd like to book a furniture assembly consultation tomorrow afternoon.",
            "The first one.",
            "Yes.",
            "That's all, bye.",
            "Five.",
        ]);

        var (exitCode, output) = await RunAsync(dataSource.ConnectionString, "chat", "--script", script, "--json");
        File.Delete(script);

        Assert.Equal(0, exitCode);
        using var transcript = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var root = transcript.RootElement;
        var turns = root.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal("offline engine", root.GetProperty("engine").GetString());
        Assert.Equal(7, turns.Count);
        Assert.Contains("Order 10002", turns[1].GetProperty("agent").GetString());
        Assert.Contains(turns[4].GetProperty("functionCalls").EnumerateArray(), c => c.GetProperty("name").GetString() == "appointments_book_appointment" && c.GetProperty("success").GetBoolean());
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
        Assert.Contains("booked an appointment", root.GetProperty("summary").GetString());

        var callSid = root.GetProperty("callSid").GetString();
        Assert.Equal(1L, await dataSource.ScalarAsync<long>($"SELECT count(*) FROM appointments WHERE call_sid = '{callSid}'"));
        Assert.Equal(15L, await dataSource.ScalarAsync<long>($"SELECT count(*) FROM call_turns WHERE call_sid = '{callSid}'"));
        Assert.Equal("order_status", await dataSource.ScalarAsync<string>($"SELECT intent FROM call_turns WHERE call_sid = '{callSid}' AND seq = 1"));
        Assert.Equal((short)5, await dataSource.ScalarAsync<short>($"SELECT rating FROM csat_ratings WHERE call_sid = '{callSid}'"));
        Assert.Equal(0L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM active_calls"));
    }

    [Fact]
    public async Task JsonWithoutAScriptAndAMissingScriptAreRefusedWithOneLine()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();

        var noScript = await RunAsync(dataSource.ConnectionString, "chat", "--json");
        var missing = await RunAsync(dataSource.ConnectionString, "chat", "--script", "/nonexistent/lines.txt");

        Assert.Equal(2, noScript.ExitCode);
        Assert.Contains("--json needs --script", noScript.Output, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("script file not found", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnseededDatabaseIsNamedAsTheProblem()
    {
        await using var dataSource = await postgres.CreateMigratedAsync(seed: false);
        var script = Path.GetTempFileName();
        await File.WriteAllLinesAsync(script, ["Hello"]);

        var (exitCode, output) = await RunAsync(dataSource.ConnectionString, "chat", "--script", script);
        File.Delete(script);

        Assert.Equal(2, exitCode);
        Assert.Contains("'voicegrains db migrate --seed'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
