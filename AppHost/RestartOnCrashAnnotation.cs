using Aspire.Hosting.ApplicationModel;

namespace VoiceGrains.AppHost;

/// <summary>Marks a resource whose processes <see cref="CrashedReplicaRestarter"/> restarts when they die.</summary>
sealed class RestartOnCrashAnnotation : IResourceAnnotation;
