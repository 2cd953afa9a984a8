namespace VoiceGrains.Data.Tests;

[Collection(PostgresCollection.Name)]
public sealed class DomainVocabularyTests(PostgresFixture postgres)
{
    [Fact]
    public async Task TheBusinessNamesComeFirstThenServicesStaffAndProducts()
    {
        await using var dataSource = await postgres.CreateMigratedAsync();

        var names = await new DomainVocabularyRepository(dataSource).GetNamesAsync(CancellationToken.None);

        Assert.Equal("Northwind Home Goods", names[0]);
        Assert.Equal(["Furniture assembly consultation", "Rug cleaning drop-off"], names.Skip(1).Take(2));
        Assert.Contains("Carla Singh", names);
        Assert.Equal("Wool area rug", names.Last(n => n.StartsWith("Wool", StringComparison.Ordinal)));
        Assert.Equal(1 + 2 + 4 + 8 + 4, names.Count);   // the business, services, staff, products and their four other variants
    }
}
