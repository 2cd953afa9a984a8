using System.Diagnostics;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;

namespace VoiceGrains.AppHost.Tests;

public sealed class AppHostTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task TheAppHostRunsTwoSilosAFrontEndAndAConsoleThatAnswersOnlyOperatorsAndRestartsASiloThatDies()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--ConnectionStrings:voicegrains={database}"], timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);

        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("frontend", timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("console", timeout.Token);
        using var http = app.CreateHttpClient("frontend");
        var health = await http.GetStringAsync(new Uri("/health", UriKind.Relative), timeout.Token);
        using var anonymous = app.CreateHttpClient("console");
        using var refused = await anonymous.GetAsync(new Uri("/api/calls", UriKind.Relative), timeout.Token);
        using var api = (await TestOperator.AddAsync(database, VoiceGrains.Operators.OperatorRoles.Viewer)).Client(anonymous.BaseAddress!);
        var calls = await api.GetStringAsync(new Uri("/api/calls", UriKind.Relative), timeout.Token);

        Assert.Equal("Healthy", health);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("[]", calls);
        await using var dataSource = NpgsqlDataSource.Create(database);
        Assert.Equal(2L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'voicegrains' AND status = 3"));
        Assert.Equal(50L, await dataSource.ScalarAsync<long>("SELECT count(*) FROM customers"));

        // SIGKILL one silo (the process tree: the replica may run under a launcher): the app host starts it again, and
        // the cluster is back to two active silos, the killed one declared dead.
        var (replica, pid) = await RunningSiloAsync(app, timeout.Token);
        using (var process = Process.GetProcessById(pid))
        {
            process.Kill(entireProcessTree: true);
        }
        await RunningSiloAsync(app, timeout.Token, replica, except: pid);
        while (await dataSource.ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'voicegrains' AND status = 3") != 2
               || await dataSource.ScalarAsync<long>("SELECT count(*) FROM orleans_membership WHERE deployment_id = 'voicegrains' AND status = 6") != 1)
        {
            await Task.Delay(250, timeout.Token);
        }
    }

    /// <summary>
    /// A silo replica (this one, when given) the app host reports running, and its process id, once that is not
    /// <paramref name="except"/>.
    /// </summary>
    static async Task<(string ReplicaId, int Pid)> RunningSiloAsync(
        DistributedApplication app, CancellationToken cancellationToken, string? replica = null, int except = 0)
    {
        await foreach (var change in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (change.Resource.Name == "silo" && (replica is null || change.ResourceId == replica)
                && change.Snapshot.State?.Text == KnownResourceStates.Running
                && change.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
                && Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) is var pid && pid != except)
            {
                return (change.ResourceId, pid);
            }
        }
        throw new OperationCanceledException(cancellationToken);
    }

    [Fact]
    public async Task TheDeploymentManifestDescribesPostgresTheSilosAndTheFrontEnd()
    {
        var output = Path.Combine(Path.GetTempPath(), $"voicegrains-manifest-{Guid.NewGuid():N}.json");
        var dll = Path.Combine(RepositoryPaths.ProjectOutput("AppHost"), "AppHost.dll");
        await using (var publisher = HostProcess.Start(dll, new Dictionary<string, string?>(), "--publisher", "manifest", "--output-path", output))
        {
            var exitCode = await publisher.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exitCode == 0, publisher.Output);
        }

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        File.Delete(output);
        var resources = manifest.RootElement.GetProperty("resources");

        Assert.Equal("project.v0", resources.GetProperty("silo").GetProperty("type").GetString());
        // The production app host runs the production silo; the scripted test silo has an app host of its own.
        Assert.EndsWith("src/VoiceGrains.Silo/VoiceGrains.Silo.csproj", resources.GetProperty("silo").GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Equal("project.v0", resources.GetProperty("frontend").GetProperty("type").GetString());
        Assert.EndsWith("src/VoiceGrains.Console/VoiceGrains.Console.csproj", resources.GetProperty("console").GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("container.", resources.GetProperty("postgres").GetProperty("type").GetString(), StringComparison.Ordinal);
        var siloEnvironment = resources.GetProperty("silo").GetProperty("env");
        Assert.Equal("voicegrains", siloEnvironment.GetProperty("Orleans__ServiceId").GetString());
        Assert.Equal("AdoNet", siloEnvironment.GetProperty("Orleans__Clustering__ProviderType").GetString());
        Assert.Equal("Npgsql", siloEnvironment.GetProperty("Orleans__Clustering__Invariant").GetString());
    }
}
