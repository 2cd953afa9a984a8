using Npgsql;
using VoiceGrains.Data.Orders;

namespace VoiceGrains.Data.Products;

/// <summary>
/// The business's catalogue, for what a caller asks of it ("what's the cheapest mechanical keyboard you have?"):
/// public facts, so no caller needs to be identified to hear them.
/// </summary>
public sealed class ProductRepository(NpgsqlDataSource dataSource)
{
    const string SelectMatching = """
        SELECT sku, name, options::text, price_cents, available
          FROM products
         WHERE name ILIKE ALL (@patterns)
         ORDER BY price_cents, sku
        """;

    /// <summary>The variants whose name holds every word of <paramref name="product"/>, cheapest first.</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> FindAsync(string product, CancellationToken cancellationToken)
    {
        var patterns = ProductNamePatterns.From(product ?? "");
        if (patterns.Length == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand(SelectMatching);
        command.Parameters.AddWithValue("patterns", patterns);
        return await command.ReadAllAsync(
            reader => new CatalogueEntry(reader.GetString(0), reader.GetString(1), ProductOptions.Read(reader.GetString(2)), Money.FromCents(reader.GetInt32(3)), reader.GetBoolean(4)),
            cancellationToken);
    }
}
