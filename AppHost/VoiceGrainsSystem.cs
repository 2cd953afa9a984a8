using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.FileProviders;

namespace VoiceGrains.AppHost;

/// <summary>
/// The system diagram in code, read top to bottom: PostgreSQL, the Orleans cluster, the silos, the front end (the
/// carrier's surface) and the console (the operators'), both clients of the cluster, and the secrets each needs. The production app host (AppHost/Program.cs) and the test-only
/// one (tests/VoiceGrains.TestAppHost) both compose it; only which project runs the silos differs.
/// </summary>
static class VoiceGrainsSystem
{
    public static void AddVoiceGrains(this IDistributedApplicationBuilder builder, Func<IDistributedApplicationBuilder, IResourceBuilder<ProjectResource>> addSilo)
    {
        // Secrets may come as files, one per setting (the key-per-file provider; "__" in a file name is ":"), from the
        // folder VOICEGRAINS_SECRETS names: scripts/run.sh keeps its generated ones there (0600) rather than in
        // environment variables every process it starts would inherit. Each reaches only the resources given it below.
        // They come first, so a setting given any other way (an environment variable) wins over a file left from before.
        if (builder.Configuration["VOICEGRAINS_SECRETS"] is { Length: > 0 } secrets)
        {
            builder.Configuration.Sources.Insert(0, new KeyPerFileConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(secrets)),
                Optional = false,
            });
        }
        // PostgreSQL: an existing server when ConnectionStrings:voicegrains is given (scripts/run.sh starts one on
        // machines without a container runtime), otherwise a container. "voicegrains" is VoiceGrainsDatabase.ConnectionName.
        var database =
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

        // The silos: the host says which project runs them (the production silo; the test app host's scripted one).
        var replicas = builder.Configuration.GetValue("VoiceGrains:SiloReplicas", 2);
        var silo = addSilo(builder)
            .WithReference(orleans)
            .WithReference(database)
            .WaitFor(database)
            .WithReplicas(replicas)
            // A silo that dies is started again (its calls have moved to the others meanwhile), as Kubernetes would.
            .WithRestartOnCrash()
            .WithHttpHealthCheck("/health")
            // Each silo's /health turns Degraded while fewer than this many are active members.
            .WithEnvironment("Cluster__ExpectedSilos", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture))
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

        if (builder.Configuration["VoiceGrains:TransferNumber"] is { Length: > 0 } transferNumber)
        {
            silo.WithEnvironment("Calls__TransferNumber", transferNumber);
        }
        if (builder.Configuration["VoiceGrains:SalesNumber"] is { Length: > 0 } salesNumber)
        {
            silo.WithEnvironment("Calls__SalesNumber", salesNumber);
        }

        // The front end is a client of the cluster; it starts once a silo reports itself an active member.
        var frontend = builder.AddProject<Projects.VoiceGrains_Frontend>("frontend", launchProfileName: "http")
            .WithReference(orleans.AsClient())
            .WithReference(database)
            .WaitFor(silo)
            .WithRestartOnCrash()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Orleans__Clustering__Invariant", "Npgsql")
            .WithExternalHttpEndpoints();

        // The operators' console and REST API: a client of the cluster and the database, behind sign-in. A separate
        // process at its own address, so the front end that faces the internet for Twilio serves operators nothing.
        var console = builder.AddProject<Projects.VoiceGrains_Console>("console", launchProfileName: "http")
            .WithReference(orleans.AsClient())
            .WithReference(database)
            .WaitFor(silo)
            .WithRestartOnCrash()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Orleans__Clustering__Invariant", "Npgsql")
            // The softphone ("Try a call") relays a browser's audio to the front end's media WebSocket.
            .WithEnvironment("Softphone__FrontEndUrl", frontend.GetEndpoint("http"));

        // Twilio, when its auth token is given (TWILIO_AUTH_TOKEN, a secret parameter): the webhooks and media stream are
        // switched on, signed for TWILIO_PUBLIC_BASE_URL (default: the front end's own address), and with an account sid
        // and number (TWILIO_ACCOUNT_SID, TWILIO_PHONE_NUMBER) outbound calls from the console (Twilio then asks the front
        // end's voice webhook), transfers from the silos, whose calls move their callers to a person themselves (and their
        // media streams off a stopping front end), and campaigns, whose grains dial from the silos.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["TWILIO_AUTH_TOKEN"]))
        {
            var twilioToken = builder.AddParameterFromConfiguration("twilio-auth-token", "TWILIO_AUTH_TOKEN", secret: true);
            frontend.WithEnvironment("Twilio__AuthToken", twilioToken);
            silo.WithEnvironment("Twilio__AuthToken", twilioToken);
            console.WithEnvironment("Twilio__AuthToken", twilioToken);
            if (builder.Configuration["TWILIO_ACCOUNT_SID"] is { Length: > 0 } accountSid)
            {
                silo.WithEnvironment("Twilio__AccountSid", accountSid);
            }
            if (builder.Configuration["TWILIO_PHONE_NUMBER"] is { Length: > 0 } number)
            {
                silo.WithEnvironment("Twilio__PhoneNumber", number);
            }
            foreach (var resource in new IResourceBuilder<IResourceWithEnvironment>[] { frontend, console, silo })
            {
                if (builder.Configuration["TWILIO_PUBLIC_BASE_URL"] is { Length: > 0 } publicUrl)
                {
                    resource.WithEnvironment("Twilio__PublicBaseUrl", publicUrl);
                }
                else
                {
                    resource.WithEnvironment("Twilio__PublicBaseUrl", frontend.GetEndpoint("http"));
                }
            }
            foreach (var (setting, variable) in new[]
                     {
                         ("Twilio__AccountSid", "TWILIO_ACCOUNT_SID"), ("Twilio__PhoneNumber", "TWILIO_PHONE_NUMBER"),
                         ("Softphone__CalledNumber", "TWILIO_PHONE_NUMBER"), ("Softphone__TwimlAppSid", "TWILIO_TWIML_APP_SID"),
                         ("Softphone__ApiKeySid", "TWILIO_API_KEY_SID"),
                     })
            {
                if (builder.Configuration[variable] is { Length: > 0 } value)
                {
                    console.WithEnvironment(setting, value);
                }
            }
            // WebRTC calls from the console's softphone through Twilio's Voice SDK: a TwiML App and an API key, whose
            // secret is a secret parameter.
            if (!string.IsNullOrWhiteSpace(builder.Configuration["TWILIO_API_KEY_SECRET"]))
            {
                console.WithEnvironment("Softphone__ApiKeySecret", builder.AddParameterFromConfiguration("twilio-api-key-secret", "TWILIO_API_KEY_SECRET", secret: true));
            }
        }
    }
}
