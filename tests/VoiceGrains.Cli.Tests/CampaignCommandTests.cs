namespace VoiceGrains.Cli.Tests;

/// <summary>
/// <c>voicegrains campaigns …</c> and <c>do-not-call …</c> refuse what they cannot send before reaching the console
/// (whose API they use; the whole path runs in the end-to-end campaign tests): a contact list that cannot be read,
/// a missing API token, a bad address.
/// </summary>
public sealed class CampaignCommandTests : IDisposable
{
    readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("voicegrains-contacts-");

    /// <summary>Port 9 (discard): nothing listens, so a command that got as far as the console would say it cannot reach it.</summary>
    static Task<(int ExitCode, string Output)> RunAsync(string? token, params string[] arguments) =>
        VoiceGrainsCommand.RunAsync(new Dictionary<string, string?> { ["VOICEGRAINS_API_TOKEN"] = token }, TimeSpan.FromSeconds(60),
            [.. arguments, "--console", "http://127.0.0.1:9"]);

    [Theory]
    [InlineData("phone,name\n+15550100001,Ada\n555-0100,Ben\n", "Line 3: '555-0100' is not an E.164 number")]
    [InlineData("phone,time_zone\n+15550100001,Mars/Olympus\n", "Line 2: 'Mars/Olympus' is not a time zone")]
    [InlineData("phone,customer_id\n+15550100001,twelve\n", "Line 2: customer_id 'twelve' is not a number")]
    [InlineData("name,number\nAda,+15550100001\n", "no phone column")]
    [InlineData("", "needs a header row")]
    public async Task AContactListThatCannotBeReadIsRefusedNamingItsLine(string csv, string reason)
    {
        var file = Path.Combine(folder.FullName, "contacts.csv");
        await File.WriteAllTextAsync(file, csv);

        var (exitCode, output) = await RunAsync("vg_token", "campaigns", "import", file, "--campaign", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot reach the console", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuotedNamesWithCommasAreOneFieldAndTheRequestGoesOnToTheConsole()
    {
        var file = Path.Combine(folder.FullName, "contacts.csv");
        await File.WriteAllTextAsync(file, "Phone, Name ,TIME_ZONE\n+15550100001,\"Brown, Diego\",America/Chicago\n");

        var (exitCode, output) = await RunAsync("vg_token", "campaigns", "import", file, "--campaign", "1");

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot reach the console at http://127.0.0.1:9/", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnApiTokenNothingIsSentAndTheUserIsToldWhereToGetOne()
    {
        var (exitCode, output) = await RunAsync(null, "campaigns", "list");

        Assert.Equal(2, exitCode);
        Assert.Contains("VOICEGRAINS_API_TOKEN", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("campaigns create --name x --kind robocall --purpose y", "--kind must be")]
    [InlineData("campaigns create --name x --kind survey --purpose y --window 9-5-7", "--window is HH:mm-HH:mm")]
    [InlineData("do-not-call add 5550100", "must be E.164")]
    public async Task WhatCannotBeARequestIsAUsageError(string commandLine, string reason)
    {
        var (exitCode, output) = await RunAsync("vg_token", commandLine.Split(' '));

        Assert.Equal(2, exitCode);
        Assert.Contains(reason, output, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Delete(recursive: true);
}
