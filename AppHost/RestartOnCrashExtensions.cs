using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace VoiceGrains.AppHost;

static class RestartOnCrashExtensions
{
    /// <summary>Restarts this resource's processes (each replica) when one dies, with a back-off; see <see cref="CrashedReplicaRestarter"/>.</summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        resource.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CrashedReplicaRestarter>());
        return resource.WithAnnotation(new RestartOnCrashAnnotation());
    }
}
