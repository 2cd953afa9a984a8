using System.Text.Json;
using Npgsql;

namespace VoiceGrains.Conversation.Tests.Dialogs;

/// <summary>Loads the tau-bench retail customers and orders into a migrated, empty VoiceGrains database.</summary>
public static class RetailImport
{
    public static async Task LoadAsync(NpgsqlDataSource dataSource, RetailData data)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "INSERT INTO business (id, name, time_zone) VALUES (1, 'Tau Retail', 'America/New_York')");
        await ExecuteAsync(connection, "INSERT INTO business_hours (day_of_week, opens_at, closes_at) SELECT d, '09:00', '18:00' FROM generate_series(1, 5) d");

        var customerIds = new Dictionary<string, long>();
        var index = 0;
        foreach (var user in data.Users.EnumerateObject())
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO customers (phone, name, email, zip, address) VALUES (@phone, @name, @email, @zip, @address) RETURNING id", connection);
            insert.Parameters.AddWithValue("phone", $"+1555020{index++:0000}");
            insert.Parameters.AddWithValue("name", RetailData.FullName(user.Value));
            insert.Parameters.AddWithValue("email", user.Value.GetProperty("email").GetString()!);
            insert.Parameters.AddWithValue("zip", user.Value.GetProperty("address").GetProperty("zip").GetString()!);
            insert.Parameters.AddWithValue("address", RetailData.Address(user.Value.GetProperty("address")));
            customerIds[user.Name] = (long)(await insert.ExecuteScalarAsync())!;
            foreach (var method in user.Value.GetProperty("payment_methods").EnumerateObject().Select(m => m.Value))
            {
                await using var payment = new NpgsqlCommand("""
                    INSERT INTO payment_methods (customer_id, kind, description, balance_cents, reference) VALUES (@customer, @kind, @description, @balance, @reference)
                    """, connection);
                var kind = method.GetProperty("source").GetString()!;
                payment.Parameters.AddWithValue("customer", customerIds[user.Name]);
                payment.Parameters.AddWithValue("kind", kind);
                payment.Parameters.AddWithValue("description", RetailData.PaymentDescription(method));
                payment.Parameters.AddWithValue("balance", NpgsqlTypes.NpgsqlDbType.Integer,
                    kind == "gift_card" ? Data.Money.ToCents(method.GetProperty("balance").GetDecimal()) : DBNull.Value);
                payment.Parameters.AddWithValue("reference", method.GetProperty("id").GetString()!);
                await payment.ExecuteNonQueryAsync();
            }
        }

        // The catalogue: a product's variants are one family (the product id), told apart by their options.
        foreach (var product in data.Products.EnumerateObject().Select(p => p.Value))
        {
            foreach (var variant in product.GetProperty("variants").EnumerateObject().Select(v => v.Value))
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO products (sku, name, price_cents, family, options, available) VALUES (@sku, @name, @price, @family, @options::jsonb, @available)
                    """, connection);
                insert.Parameters.AddWithValue("sku", variant.GetProperty("item_id").GetString()!);
                insert.Parameters.AddWithValue("name", RetailData.ProductName(variant, product.GetProperty("name").GetString()!));
                insert.Parameters.AddWithValue("price", Data.Money.ToCents(variant.GetProperty("price").GetDecimal()));
                insert.Parameters.AddWithValue("family", product.GetProperty("product_id").GetString()!);
                insert.Parameters.AddWithValue("options", variant.GetProperty("options").GetRawText());
                insert.Parameters.AddWithValue("available", variant.GetProperty("available").GetBoolean());
                await insert.ExecuteNonQueryAsync();
            }
        }

        foreach (var order in data.Orders.EnumerateObject().Select(o => o.Value))
        {
            var items = order.GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                await using var product = new NpgsqlCommand("INSERT INTO products (sku, name, price_cents) VALUES (@sku, @name, @price) ON CONFLICT DO NOTHING", connection);
                product.Parameters.AddWithValue("sku", item.GetProperty("item_id").GetString()!);
                product.Parameters.AddWithValue("name", RetailData.ProductName(item));
                product.Parameters.AddWithValue("price", Data.Money.ToCents(item.GetProperty("price").GetDecimal()));
                await product.ExecuteNonQueryAsync();
            }

            var number = RetailData.OrderNumber(order.GetProperty("order_id").GetString()!);
            var status = order.GetProperty("status").GetString() switch
            {
                "processed" => "shipped",
                var other => other!,
            };
            await using (var insert = new NpgsqlCommand("""
                INSERT INTO orders (id, customer_id, status, placed_at, total_cents, shipping_address, payment_method_id)
                VALUES (@id, @customer, @status, now() - interval '10 days', @total, @address, (SELECT id FROM payment_methods WHERE reference = @paidWith))
                """, connection))
            {
                insert.Parameters.AddWithValue("paidWith", order.GetProperty("payment_history")[0].GetProperty("payment_method_id").GetString()!);
                insert.Parameters.AddWithValue("id", number);
                insert.Parameters.AddWithValue("customer", customerIds[order.GetProperty("user_id").GetString()!]);
                insert.Parameters.AddWithValue("status", status);
                insert.Parameters.AddWithValue("total", items.Sum(i => Data.Money.ToCents(i.GetProperty("price").GetDecimal())));
                insert.Parameters.AddWithValue("address", RetailData.Address(order.GetProperty("address")));
                await insert.ExecuteNonQueryAsync();
            }

            for (var line = 0; line < items.Count; line++)
            {
                await using var insert = new NpgsqlCommand(
                    "INSERT INTO order_items (order_id, line, sku, quantity, unit_price_cents) VALUES (@order, @line, @sku, 1, @price)", connection);
                insert.Parameters.AddWithValue("order", number);
                insert.Parameters.AddWithValue("line", line + 1);
                insert.Parameters.AddWithValue("sku", items[line].GetProperty("item_id").GetString()!);
                insert.Parameters.AddWithValue("price", Data.Money.ToCents(items[line].GetProperty("price").GetDecimal()));
                await insert.ExecuteNonQueryAsync();
            }

            foreach (var fulfillment in order.GetProperty("fulfillments").EnumerateArray())
            {
                await using var insert = new NpgsqlCommand("""
                    INSERT INTO shipments (order_id, carrier, tracking_number, status, shipped_at)
                    VALUES (@order, 'UPS', @tracking, @status, now() - interval '8 days')
                    """, connection);
                insert.Parameters.AddWithValue("order", number);
                insert.Parameters.AddWithValue("tracking", fulfillment.GetProperty("tracking_id")[0].GetString()!);
                insert.Parameters.AddWithValue("status", status == "delivered" ? "delivered" : "in_transit");
                await insert.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
