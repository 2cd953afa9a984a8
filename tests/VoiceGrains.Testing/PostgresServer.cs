using System.Diagnostics;
using Npgsql;

namespace VoiceGrains.Testing;

/// <summary>
/// A throwaway PostgreSQL on loopback in a temp folder, started with the project's own scripts/local-postgres.sh
/// (the same one scripts/run.sh uses). Each test takes a fresh database from it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    string adminConnectionString = "";

    PostgresServer(string directory, int port)
    {
        Folder = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's folder (its data, log and password file).</summary>
    public string Folder { get; }

    /// <summary>
    /// A new server; its password is generated unless one is given (a test that must know the connection string before
    /// the server exists).
    /// </summary>
    public static async Task<PostgresServer> StartAsync(int? port = null, string? password = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "voicegrains-tests", Guid.NewGuid().ToString("N"));
        var server = new PostgresServer(directory, port ?? FreePort.Next());
        server.adminConnectionString = (await RunScriptAsync(password, "start", directory,
            server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))).Trim();
        return server;
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/>, keeping its data.</summary>
    public async Task StartAgainAsync()
    {
        var output = await RunScriptAsync(null, "start", Folder, Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        adminConnectionString = output.Trim();
    }

    public Task StopAsync() => RunScriptAsync(null, "stop", Folder);

    /// <summary>The connection string of a new, empty database.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, PersistSecurityInfo = true }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await StopAsync();
        Directory.Delete(Folder, recursive: true);
    }

    static async Task<string> RunScriptAsync(string? password, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (password is not null)
        {
            start.Environment["VOICEGRAINS_PG_PASSWORD"] = password;
        }
        start.ArgumentList.Add(RepositoryPaths.Script("local-postgres.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"local-postgres.sh {string.Join(' ', arguments)} failed: {await stderr}");
    }
}
