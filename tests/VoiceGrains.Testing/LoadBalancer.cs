using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.LoadBalancing;

namespace VoiceGrains.Testing;

/// <summary>
/// The public address in front of the front ends, as an ingress or a cloud load balancer is in production: YARP, in
/// process, passing every request and WebSocket to one of its front ends in turn. A front end is taken out of the
/// list before it is stopped, as Kubernetes takes a terminating pod out of its Service
/// (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination). Test infrastructure only.
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    const string Cluster = "frontends";

    readonly WebApplication app;
    readonly InMemoryConfigProvider routes;

    LoadBalancer(WebApplication app, InMemoryConfigProvider routes, Uri address)
    {
        this.app = app;
        this.routes = routes;
        Address = address;
    }

    /// <summary>The public address: webhooks, media streams and the softphone's relay all come here.</summary>
    public Uri Address { get; }

    public static async Task<LoadBalancer> StartAsync()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var routes = new InMemoryConfigProvider(
            [new RouteConfig { RouteId = "all", ClusterId = Cluster, Match = new RouteMatch { Path = "{**rest}" } }],
            [Frontends([])]);
        builder.Services.AddSingleton<IProxyConfigProvider>(routes);
        builder.Services.AddReverseProxy();
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        return new LoadBalancer(app, routes, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>From now on, new requests and sockets go to these front ends, in turn; those open stay where they are.</summary>
    public void Route(IEnumerable<Uri> frontends) => routes.Update(routes.GetConfig().Routes, [Frontends(frontends)]);

    static ClusterConfig Frontends(IEnumerable<Uri> addresses) => new()
    {
        ClusterId = Cluster,
        LoadBalancingPolicy = LoadBalancingPolicies.RoundRobin,
        Destinations = addresses.Select((address, i) => (address, i))
            .ToDictionary(d => $"frontend-{d.i}", d => new DestinationConfig { Address = d.address.ToString() }),
    };

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
