namespace VoiceGrains.Frontend.Tests;

/// <summary>
/// One front end and silo for every test class that needs them, run one class at a time: the front end reads its
/// settings from process-wide environment variables, so two fixtures built side by side would cross-wire.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FrontendCollection : ICollectionFixture<FrontendFixture>
{
    public const string Name = "frontend";
}
