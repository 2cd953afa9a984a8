namespace VoiceGrains.Contracts;

/// <summary>Stream provider and namespaces for a call's audio; each stream is keyed by the call sid.</summary>
public static class StreamNames
{
    public const string AudioProvider = "audio";
    public const string AudioIn = "audio-in";
    public const string AudioOut = "audio-out";
}
