using Npgsql;

namespace VoiceGrains.Conversation.Tests;

/// <summary>Picks records of the seeded demo data for a test, so tests do not hard-code what the seed happens to hold.</summary>
static class DomainQueries
{
    public static async Task<(long Order, string Item, string Name, string Zip)> FirstDeliveredMultiItemOrderAsync(this NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.id, p.name, c.name, c.zip
              FROM orders o JOIN customers c ON c.id = o.customer_id
              JOIN order_items i ON i.order_id = o.id AND i.line = 1 JOIN products p ON p.sku = i.sku
             WHERE o.status = 'delivered'
               AND (SELECT count(DISTINCT sku) FROM order_items WHERE order_id = o.id) > 1
             ORDER BY o.id LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
    }
}
