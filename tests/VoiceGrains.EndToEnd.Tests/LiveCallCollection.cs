namespace VoiceGrains.EndToEnd.Tests;

/// <summary>One running product for the test classes that place calls on it (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class LiveCallCollection : ICollectionFixture<LiveCallCluster>
{
    public const string Name = "live calls";
}
