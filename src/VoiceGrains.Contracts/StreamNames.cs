namespace VoiceGrains.Contracts;

/// <summary>Stream provider and namespaces: a call's audio (each stream keyed by the call sid) and the live view of all calls.</summary>
public static class StreamNames
{
    public const string AudioProvider = "audio";
    public const string AudioIn = "audio-in";
    public const string AudioOut = "audio-out";

    /// <summary>
    /// The provider of the live view's stream, apart from the audio's: on the audio provider the one stream shared a
    /// queue and its pulling agent with the audio of an eighth of all calls, and with 50 calls at once its updates
    /// arrived up to 2.7 s late (BENCHMARKS.md, "Console live view").
    /// </summary>
    public const string LiveProvider = "live";

    /// <summary>Every call's <see cref="Calls.LiveCall"/> updates, on one stream (key <see cref="AllCalls"/>) of <see cref="LiveProvider"/>.</summary>
    public const string LiveCalls = "calls-live";

    public const string AllCalls = "all";
}
