namespace VoiceGrains.Silo.Tests;

/// <summary>Silo processes are heavy on a 2-core machine: these tests share one PostgreSQL and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "cluster";
}
