namespace VoiceGrains.Grains.Messaging;

/// <summary>How the silos send queued texts (configuration section "Texts").</summary>
public sealed class TextMessageOptions
{
    public const string Section = "Texts";

    /// <summary>How often each silo looks for queued texts.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Tries per text when Twilio cannot be reached; each waits twice as long as the one before.</summary>
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);
}
