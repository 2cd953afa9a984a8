using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL: an existing server when ConnectionStrings:voicegrains is given (scripts/run.sh starts one on
// machines without a container runtime), otherwise a container. "voicegrains" is VoiceGrainsDatabase.ConnectionName.
IResourceBuilder<IResourceWithConnectionString> database =
    (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("voicegrains"))
        ? builder.AddPostgres("postgres").WithDataVolume().AddDatabase("voicegrains")
        : builder.AddConnectionString("voicegrains"))
    .WithOrleansProviderType("AdoNet");

// The cluster: membership, grain state and reminders all in that database (storage names are StorageNames').
// Fixed ids: grain state is keyed by ServiceId, so a generated one would orphan every call on restart.
var orleans = builder.AddOrleans("cluster")
    .WithClusterId("voicegrains")
    .WithServiceId("voicegrains")
    .WithClustering(database)
    .WithGrainStorage("calls", database)
    .WithGrainStorage("PubSubStore", database)
    .WithReminders(database);

var silo = builder.AddProject<Projects.VoiceGrains_Silo>("silo", launchProfileName: "http")
    .WithReference(orleans)
    .WithReference(database)
    .WaitFor(database)
    .WithReplicas(builder.Configuration.GetValue("VoiceGrains:SiloReplicas", 2))
    .WithHttpHealthCheck("/health")
    // Aspire names the provider and connection but not the ADO.NET invariant, which Orleans requires.
    .WithEnvironment("Orleans__Clustering__Invariant", "Npgsql")
    .WithEnvironment("Orleans__GrainStorage__calls__Invariant", "Npgsql")
    .WithEnvironment("Orleans__GrainStorage__PubSubStore__Invariant", "Npgsql")
    .WithEnvironment("Orleans__Reminders__Invariant", "Npgsql");

// Claude only when its key is given to the app host (ANTHROPIC_API_KEY); it reaches the silos as a secret
// parameter, never as plain configuration. Without it the silos run the offline conversation engine.
if (!string.IsNullOrWhiteSpace(builder.Configuration["ANTHROPIC_API_KEY"]))
{
    silo.WithEnvironment("Anthropic__ApiKey", builder.AddParameterFromConfiguration("anthropic-api-key", "ANTHROPIC_API_KEY", secret: true));
}

// The front end is a client of the cluster; it starts once a silo reports itself an active member.
builder.AddProject<Projects.VoiceGrains_Frontend>("frontend", launchProfileName: "http")
    .WithReference(orleans.AsClient())
    .WithReference(database)
    .WaitFor(silo)
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Orleans__Clustering__Invariant", "Npgsql")
    .WithExternalHttpEndpoints();

builder.Build().Run();
