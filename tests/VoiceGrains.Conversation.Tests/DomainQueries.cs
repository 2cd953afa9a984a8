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

    /// <summary>
    /// A pending or processing order of a customer with several recent orders, and a product in it that no other of their
    /// five most recent orders has (the order can be named by it); "set" products are left out, as two share that word.
    /// </summary>
    public static async Task<(long Order, string Item, string Name, string Zip)> OrderKnownByAnItemOnlyItHasAsync(this NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            WITH recent AS (
                SELECT o.id, o.customer_id, o.status, row_number() OVER (PARTITION BY o.customer_id ORDER BY o.placed_at DESC) AS n
                  FROM orders o
            ), top5 AS (
                SELECT * FROM recent WHERE n <= 5
            ), item AS (
                SELECT t.customer_id, p.name, min(t.id) AS order_id, count(DISTINCT t.id) AS orders
                  FROM top5 t JOIN order_items i ON i.order_id = t.id JOIN products p ON p.sku = i.sku
                 GROUP BY t.customer_id, p.name
            )
            SELECT it.order_id, it.name, c.name, c.zip
              FROM item it JOIN top5 t ON t.id = it.order_id JOIN customers c ON c.id = it.customer_id
             WHERE it.orders = 1 AND t.status IN ('pending', 'processing') AND it.name NOT LIKE '% set'
               AND (SELECT count(*) FROM top5 x WHERE x.customer_id = it.customer_id) > 1
             ORDER BY it.order_id LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
    }

    /// <summary>The first order in <paramref name="status"/> with a line of <paramref name="sku"/>, and its customer.</summary>
    public static async Task<(long Order, long CustomerId, string Name, string Zip, int Quantity, string Phone)> OrderWithAsync(
        this NpgsqlDataSource dataSource, string sku, string status = "delivered")
    {
        await using var command = dataSource.CreateCommand("""
            SELECT o.id, c.id, c.name, c.zip, i.quantity, c.phone
              FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_items i ON i.order_id = o.id
             WHERE o.status = @status AND i.sku = @sku
             ORDER BY o.id LIMIT 1
            """);
        command.Parameters.AddWithValue("sku", sku);
        command.Parameters.AddWithValue("status", status);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5));
    }

    /// <summary>The digits of the newest verification code texted to the customer's phone on file.</summary>
    public static async Task<string> TextedCodeAsync(this NpgsqlDataSource dataSource, long customerId)
    {
        var body = await dataSource.ScalarAsync<string>($"""
            SELECT t.body FROM text_messages t JOIN customers c ON c.phone = t.phone
             WHERE c.id = {customerId} AND t.reason = 'verification_code' ORDER BY t.id DESC LIMIT 1
            """);
        return System.Text.RegularExpressions.Regex.Match(body, @"\b\d{6}\b").Value;
    }

    /// <summary>The phone number on file of the demo customer named <paramref name="name"/>: calling from it is one factor.</summary>
    public static Task<string> PhoneOfAsync(this NpgsqlDataSource dataSource, string name) =>
        dataSource.ScalarAsync<string>($"SELECT phone FROM customers WHERE name = '{name.Replace("'", "''", StringComparison.Ordinal)}' ORDER BY id LIMIT 1");
}
