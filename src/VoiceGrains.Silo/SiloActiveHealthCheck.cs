using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace VoiceGrains.Silo;

/// <summary>
/// Healthy once this silo is an active member of the cluster, so the app host starts clients after it; Degraded (still
/// HTTP 200, so a load balancer keeps serving through the survivors) while fewer silos are active than the deployment
/// runs; Unhealthy while this silo is not active (joining, shutting down, declared dead).
/// </summary>
sealed class SiloActiveHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership, IOptions<ClusterHealthOptions> options)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The local snapshot, not a grain call: a health probe must answer even when the rest of the cluster does not.
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        if (status != SiloStatus.Active)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {status}."));
        }
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var expected = options.Value.ExpectedSilos;
        return Task.FromResult(active < expected
            ? HealthCheckResult.Degraded($"{active} of {expected} silos active.")
            : HealthCheckResult.Healthy());
    }
}
