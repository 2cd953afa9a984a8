using Xunit;

namespace VoiceGrains.Testing;

/// <summary>One PostgreSQL server per test assembly (xunit assembly fixture through a collection).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("The server has not started.");

    public Task<string> CreateDatabaseAsync() => Server.CreateDatabaseAsync();

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
