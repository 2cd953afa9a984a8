namespace VoiceGrains.Console.Tests;

/// <summary>One console and silo for every test class: the console reads its settings from process-wide environment variables.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
