using System.Diagnostics;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace VoiceGrains.AppHost.Tests;

/// <summary>
/// The Kubernetes deployment (deploy/kubernetes), checked offline: every manifest loaded strictly into the Kubernetes
/// API's own types from the official client (a misspelt field or a wrong type fails), the kustomization rendered by
/// kubectl as <c>kubectl apply -k</c> would, and what the rendered objects must keep true for calls: probes on the
/// port the process listens on, a grace period longer than the silo's drain, one silo down at a time, the autoscaler's
/// floor equal to the silos /health expects, and secrets only from the secret.
/// </summary>
public sealed class KubernetesManifestTests
{
    static readonly string Folder = Path.Combine(RepositoryPaths.Root, "deploy", "kubernetes");

    // .NET's host gives hosted services this long to stop (HostOptions.ShutdownTimeout's default since .NET 6); the
    // silo's graceful leave happens inside it, and Kubernetes kills the pod when its grace period ends.
    const int HostShutdownSeconds = 30;

    [Fact]
    public void EveryManifestIsAValidKubernetesObjectAndTheKustomizationListsThemAll()
    {
        var listed = KustomizationResources();
        var manifests = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(name => name != "kustomization.yaml");

        Assert.Equal(manifests.Order(), listed.Order());
        foreach (var file in listed)
        {
            var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Folder, file)), strict: true);
            Assert.NotEmpty(objects);
            Assert.All(objects, o => Assert.IsAssignableFrom<IKubernetesObject>(o));
        }
    }

    [Fact]
    public void AMisspeltFieldIsRefused()
    {
        // The strict load is what makes the check above a schema check: the same Deployment with one field misspelt.
        var silo = File.ReadAllText(Path.Combine(Folder, "silo.yaml")).Replace("terminationGracePeriodSeconds:", "terminationGracePeriod:", StringComparison.Ordinal);

        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(silo, strict: true));
    }

    [Fact]
    public async Task TheRenderedDeploymentProbesDrainsAndScalesTheSilosAndTakesSecretsOnlyFromTheSecret()
    {
        var objects = KubernetesYaml.LoadAllFromString(await RenderAsync(), strict: true);
        var deployments = objects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name);
        var configMaps = objects.OfType<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet();
        var claims = objects.OfType<V1PersistentVolumeClaim>().Select(c => c.Metadata.Name).ToHashSet();
        var job = Assert.Single(objects.OfType<V1Job>());

        Assert.Equal(["console", "frontend", "silo"], deployments.Keys.Order());
        Assert.All(objects.Where(o => o is not V1Namespace), o => Assert.Equal("voicegrains", ((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty));
        foreach (var pod in deployments.Values.Select(d => d.Spec.Template.Spec).Append(job.Spec.Template.Spec))
        {
            var container = Assert.Single(pod.Containers);
            // Every image is one the kustomization names (a registry path), never the bare placeholder.
            Assert.Contains("/", container.Image, StringComparison.Ordinal);
            var connection = Assert.Single(container.Env, e => e.Name == "ConnectionStrings__voicegrains");
            Assert.Equal("voicegrains", connection.ValueFrom.SecretKeyRef.Name);
            Assert.NotEqual(true, connection.ValueFrom.SecretKeyRef.Optional);
            Assert.DoesNotContain(container.Env, e => e.Value is not null
                && (e.Name.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || e.Name.EndsWith("Token", StringComparison.Ordinal)
                    || e.Name.EndsWith("Key", StringComparison.Ordinal) || e.Name.EndsWith("Secret", StringComparison.Ordinal)));
            Assert.All(container.EnvFrom ?? [], from => Assert.Contains(from.ConfigMapRef.Name, configMaps));
            Assert.All(pod.Volumes ?? [], volume => Assert.Contains(volume.PersistentVolumeClaim.ClaimName, claims));
        }

        foreach (var deployment in deployments.Values)
        {
            var container = deployment.Spec.Template.Spec.Containers[0];
            var http = Assert.Single(container.Ports, p => p.Name == "http");
            Assert.Equal(http.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), Env(container, "ASPNETCORE_HTTP_PORTS"));
            Assert.Equal(("/health", "http"), (container.ReadinessProbe.HttpGet.Path, container.ReadinessProbe.HttpGet.Port.Value));
            Assert.Equal(("/alive", "http"), (container.LivenessProbe.HttpGet.Path, container.LivenessProbe.HttpGet.Port.Value));
            Assert.Equal(("/alive", "http"), (container.StartupProbe.HttpGet.Path, container.StartupProbe.HttpGet.Port.Value));
        }

        var silo = deployments["silo"];
        var siloContainer = silo.Spec.Template.Spec.Containers[0];
        Assert.True(silo.Spec.Template.Spec.TerminationGracePeriodSeconds > HostShutdownSeconds);
        Assert.Equal("0", silo.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("status.podIP", Assert.Single(siloContainer.Env, e => e.Name == "Orleans__Endpoints__AdvertisedIPAddress").ValueFrom.FieldRef.FieldPath);
        foreach (var port in new[] { "Orleans__Endpoints__SiloPort", "Orleans__Endpoints__GatewayPort" })
        {
            Assert.Contains(siloContainer.Ports, p => p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == Env(siloContainer, port));
        }

        // A stopping front end moves its calls' streams: it waits to be out of the Service first, and its drain fits the grace.
        var frontend = deployments["frontend"].Spec.Template.Spec;
        var wait = frontend.Containers[0].Lifecycle.PreStop.Sleep.Seconds;
        Assert.InRange(wait, 1, 30);
        Assert.True(frontend.TerminationGracePeriodSeconds > wait + HostShutdownSeconds);

        var budget = Assert.Single(objects.OfType<V1PodDisruptionBudget>(), b => b.Metadata.Name == "silo");
        Assert.Equal("1", budget.Spec.MaxUnavailable.Value);
        Assert.True(Selects(budget.Spec.Selector.MatchLabels, silo));
        var autoscaler = Assert.Single(objects.OfType<V2HorizontalPodAutoscaler>(), a => a.Spec.ScaleTargetRef.Name == "silo");
        Assert.Equal("Deployment", autoscaler.Spec.ScaleTargetRef.Kind);
        Assert.Equal(autoscaler.Spec.MinReplicas?.ToString(System.Globalization.CultureInfo.InvariantCulture), Env(siloContainer, "Cluster__ExpectedSilos"));

        // Each Service reaches one Deployment's pods, on a port they declare.
        foreach (var service in objects.OfType<V1Service>())
        {
            var target = Assert.Single(deployments.Values, d => Selects(service.Spec.Selector, d));
            Assert.All(service.Spec.Ports, p => Assert.Contains(target.Spec.Template.Spec.Containers[0].Ports, c => c.Name == p.TargetPort.Value));
        }
        // The console plays what the front ends record: the same volume, at the same path.
        Assert.Equal(Env(deployments["frontend"].Spec.Template.Spec.Containers[0], "Recordings__Directory"),
            Env(deployments["console"].Spec.Template.Spec.Containers[0], "Recordings__Directory"));
    }

    static string Env(V1Container container, string name) => Assert.Single(container.Env, e => e.Name == name).Value;

    static bool Selects(IDictionary<string, string> selector, V1Deployment deployment) =>
        selector.All(label => deployment.Spec.Template.Metadata.Labels.TryGetValue(label.Key, out var value) && value == label.Value);

    static List<string> KustomizationResources()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder, "kustomization.yaml")))
        {
            yaml.Load(reader);
        }
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return ((YamlSequenceNode)root.Children[new YamlScalarNode("resources")]).Children.Select(node => ((YamlScalarNode)node).Value!).ToList();
    }

    /// <summary><c>kubectl kustomize deploy/kubernetes</c>: what <c>kubectl apply -k</c> sends, rendered without a cluster.</summary>
    static async Task<string> RenderAsync()
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Folder);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("kubectl is needed to render deploy/kubernetes (its kustomize): install kubectl (scripts/test.sh does where apt offers it).");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await errors);
            return await output;
        }
    }
}
