namespace VoiceGrains.Contracts;

/// <summary>Grain storage provider names. AppHost/Program.cs and the silo's appsettings.json repeat them.</summary>
public static class StorageNames
{
    public const string Calls = "calls";

    /// <summary>The name Orleans' stream pub/sub looks up by default.</summary>
    public const string PubSub = "PubSubStore";
}
