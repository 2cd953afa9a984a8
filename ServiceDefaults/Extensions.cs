using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every VoiceGrains host shares: OpenTelemetry (with the Orleans and VoiceGrains meters and activity
/// sources), health checks, and for hosts that call out over HTTP, service discovery and resilience.
/// </summary>
public static class Extensions
{
    /// <summary>The product's own meter and activity source name.</summary>
    public const string VoiceGrainsTelemetry = "VoiceGrains";

    const string HealthPath = "/health";
    const string AlivePath = "/alive";

    static readonly string[] OrleansMeters = ["Microsoft.Orleans"];

    /// <summary>
    /// Spans of application grain calls only. Orleans' runtime source traces its own calls too, among them each
    /// stream pulling agent's poll of its queue (every 5 ms, eight queues per silo): ~80 KB/s per idle silo sent to
    /// the dashboard, which then took ~80% of one of this machine's 2 cores with no call running (BENCHMARKS.md).
    /// </summary>
    static readonly string[] OrleansSources = ["Microsoft.Orleans.Application"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddBasicServiceDefaults();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>Health checks and OpenTelemetry only.</summary>
    public static TBuilder AddBasicServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddDefaultHealthChecks();
        builder.ConfigureOpenTelemetry();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(OrleansMeters)
                .AddMeter(VoiceGrainsTelemetry))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(OrleansSources)
                .AddSource(VoiceGrainsTelemetry)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments(HealthPath)
                                                && !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        // The Aspire dashboard (or any collector) is reached only when an endpoint is configured.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Checks every setting registered with ValidateOnStart now, before the host starts: a wrong value stops the process
    /// with an OptionsValidationException naming it, which the host's Program turns into one line (the host's own start
    /// would log it first, with a stack trace).
    /// </summary>
    public static void CheckSettings(this IHost host) =>
        host.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

    /// <summary>/health (every check) and /alive (the process answers). Both are always on: load balancers need them.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Open to anyone on every host, the console (where everything else needs sign-in) included: orchestrators probe them.
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") }).AllowAnonymous();
        return app;
    }
}
