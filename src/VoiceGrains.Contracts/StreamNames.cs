namespace VoiceGrains.Contracts;

/// <summary>Stream provider and namespaces: a call's audio (each stream keyed by the call sid) and the live view of all calls.</summary>
public static class StreamNames
{
    public const string AudioProvider = "audio";
    public const string AudioIn = "audio-in";
    public const string AudioOut = "audio-out";

    /// <summary>Every call's <see cref="Calls.LiveCall"/> updates, on one stream (key <see cref="AllCalls"/>) of the same provider.</summary>
    public const string LiveCalls = "calls-live";

    public const string AllCalls = "all";
}
