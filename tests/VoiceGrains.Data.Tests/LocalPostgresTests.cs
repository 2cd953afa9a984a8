using System.Runtime.Versioning;
using Npgsql;

namespace VoiceGrains.Data.Tests;

/// <summary>scripts/local-postgres.sh, which scripts/run.sh starts when no database is given (issue: hardening).</summary>
public sealed class LocalPostgresTests
{
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task EachLocalServerHasAGeneratedPasswordKeptPrivateAndTheOldFixedWordIsRefused()
    {
        await using var first = await PostgresServer.StartAsync();
        await using var second = await PostgresServer.StartAsync();
        var one = new NpgsqlConnectionStringBuilder(await first.CreateDatabaseAsync());
        var other = new NpgsqlConnectionStringBuilder(await second.CreateDatabaseAsync());

        Assert.True(one.Password!.Length >= 24, "a generated password");
        Assert.NotEqual(one.Password, other.Password);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(first.Folder, "password")));
        var fixedWord = new NpgsqlConnectionStringBuilder(one.ConnectionString) { Password = "voicegrains" };
        await using var refused = new NpgsqlConnection(fixedWord.ConnectionString);
        var error = await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
    }
}
