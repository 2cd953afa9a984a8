using Npgsql;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>
/// The part of the database a tau-bench task is judged on: each order's status, cancel reason and shipping
/// address, each customer's email and address, each return's lines and refund destination, each exchange's lines, new
/// items (in line order) and the payment method (by its tau-bench id) for the difference.
/// </summary>
public sealed record RetailState(
    Dictionary<long, (string Status, string? CancelReason, string Address)> Orders,
    Dictionary<string, (string? Email, string? Address)> Customers,
    Dictionary<long, (string Lines, string RefundTo)> Returns,
    Dictionary<long, (string Lines, string NewItems, string PaymentMethod)> Exchanges)
{
    public static async Task<RetailState> ReadAsync(NpgsqlDataSource dataSource)
    {
        var orders = new Dictionary<long, (string, string?, string)>();
        await using (var command = dataSource.CreateCommand("SELECT id, status, cancel_reason, shipping_address FROM orders"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                orders[reader.GetInt64(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3));
            }
        }

        var customers = new Dictionary<string, (string?, string?)>();
        await using (var command = dataSource.CreateCommand("SELECT name, email, address FROM customers"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                customers[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
            }
        }

        var returns = new Dictionary<long, (string, string)>();
        await using (var command = dataSource.CreateCommand("SELECT order_id, array_to_string(ARRAY(SELECT unnest(lines) ORDER BY 1), ','), refund_to FROM order_returns"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                returns[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        var exchanges = new Dictionary<long, (string, string, string)>();
        await using (var command = dataSource.CreateCommand("""
            SELECT x.order_id,
                   array_to_string(ARRAY(SELECT l FROM unnest(x.lines) l ORDER BY 1), ','),
                   array_to_string(ARRAY(SELECT s FROM unnest(x.lines, x.new_skus) AS u(l, s) ORDER BY l), ','),
                   m.reference
              FROM order_exchanges x JOIN payment_methods m ON m.id = x.payment_method_id
            """))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                exchanges[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }
        }
        return new RetailState(orders, customers, returns, exchanges);
    }

    public RetailState Copy() => new(new(Orders), new(Customers), new(Returns), new(Exchanges));

    /// <summary>The differences from <paramref name="expected"/>, one line each; empty when the states match.</summary>
    public List<string> DifferencesFrom(RetailState expected)
    {
        var differences = new List<string>();
        Compare(differences, "order", expected.Orders, Orders);
        Compare(differences, "customer", expected.Customers, Customers);
        Compare(differences, "return", expected.Returns, Returns);
        Compare(differences, "exchange", expected.Exchanges, Exchanges);
        return differences;
    }

    static void Compare<TKey, TValue>(List<string> differences, string what, Dictionary<TKey, TValue> expected, Dictionary<TKey, TValue> actual)
        where TKey : notnull
    {
        foreach (var key in expected.Keys.Union(actual.Keys))
        {
            var wanted = expected.TryGetValue(key, out var e) ? e?.ToString() : "(none)";
            var got = actual.TryGetValue(key, out var a) ? a?.ToString() : "(none)";
            if (wanted != got)
            {
                differences.Add($"{what} {key}: expected {wanted}, got {got}");
            }
        }
    }
}
