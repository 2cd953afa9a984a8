namespace VoiceGrains.Silo;

/// <summary>How many silos the deployment runs ("Cluster" section), so readiness can say when some are missing.</summary>
public sealed class ClusterHealthOptions
{
    public const string Section = "Cluster";

    /// <summary>
    /// The silos the deployment is configured to run (the app host's replicas, a Kubernetes deployment's minimum).
    /// With fewer active, /health reports Degraded: still 200, so a load balancer keeps the survivors in service,
    /// while the dashboard and the orchestrator's events show the cluster is short.
    /// </summary>
    public int ExpectedSilos { get; set; } = 1;
}
