namespace VoiceGrains.Speech.Inference;

/// <summary>More jobs are waiting than the pool accepts: the machine is overloaded; shed the work, say sorry.</summary>
public sealed class InferenceQueueFullException(string kind, int maxQueue)
    : Exception($"The inference pool is full: {maxQueue} jobs are already waiting; this {kind} job was refused.");
