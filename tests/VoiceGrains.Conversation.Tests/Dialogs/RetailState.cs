using Npgsql;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>
/// The part of the database a tau-bench task is judged on: each order's status, cancel reason and shipping
/// address, each customer's email and address, each return's lines and refund destination.
/// </summary>
public sealed record RetailState(
    Dictionary<long, (string Status, string? CancelReason, string Address)> Orders,
    Dictionary<string, (string? Email, string? Address)> Customers,
    Dictionary<long, (string Lines, string RefundTo)> Returns)
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
        return new RetailState(orders, customers, returns);
    }

    public RetailState Copy() => new(new(Orders), new(Customers), new(Returns));

    /// <summary>The differences from <paramref name="expected"/>, one line each; empty when the states match.</summary>
    public List<string> DifferencesFrom(RetailState expected)
    {
        var differences = new List<string>();
        Compare(differences, "order", expected.Orders, Orders);
        Compare(differences, "customer", expected.Customers, Customers);
        Compare(differences, "return", expected.Returns, Returns);
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
