using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace VoiceGrains.Data.Orders;

/// <summary>
/// A customer's items swapped for other variants of the same products: exchanged once delivered (the items go back and
/// the new ones are sent), or changed before the order ships (its lines are rewritten). Like every order statement,
/// scoped by customer: another customer's order or payment method reads as not found. The rules (delivered orders for
/// an exchange, pending or processing ones for a change; one exchange or return, and one item change, per order; same
/// product, available now; the customer's own payment method; a gift card that covers what is owed) are checked in
/// one transaction under the order's row lock, so they hold whichever engine or call asks, and however many ask at once.
/// </summary>
public sealed class ExchangeRepository(NpgsqlDataSource dataSource)
{
    const string SelectVariants = """
        SELECT v.sku, v.name, v.options::text, v.price_cents
          FROM products p JOIN products v ON v.family = p.family AND v.sku <> p.sku AND v.available
         WHERE p.sku = @sku
         ORDER BY v.price_cents, v.sku
        """;

    const string SelectSwapsOfCall = """
        SELECT order_id, true, price_difference_cents FROM order_exchanges WHERE customer_id = @customer AND call_sid = @sid
        UNION ALL
        SELECT order_id, false, price_difference_cents FROM order_item_changes WHERE customer_id = @customer AND call_sid = @sid
        ORDER BY 1
        """;

    const string SelectOptions = "SELECT options::text FROM products WHERE sku = @sku";

    const string SelectOrderStatus = "SELECT status FROM orders WHERE id = @order AND customer_id = @customer";

    const string SelectReplacement = """
        SELECT v.name, v.price_cents
          FROM products p JOIN products v ON v.family = p.family AND v.sku <> p.sku AND v.available
         WHERE p.sku = @old AND v.sku = @new
        """;

    const string SelectPaymentMethod = "SELECT kind, description, balance_cents FROM payment_methods WHERE id = @id AND customer_id = @customer";

    const string ReturnExists = "SELECT EXISTS (SELECT 1 FROM order_returns WHERE order_id = @order)";

    const string InsertItemChange = """
        INSERT INTO order_item_changes (order_id, customer_id, lines, old_skus, new_skus, payment_method_id, price_difference_cents, call_sid)
        VALUES (@order, @customer, @lines, @oldSkus, @skus, @method, @difference, @sid)
        ON CONFLICT (order_id) DO NOTHING
        RETURNING id
        """;

    const string UpdateLine = "UPDATE order_items SET sku = @sku, unit_price_cents = @price WHERE order_id = @order AND line = @line";

    const string UpdateTotal = """
        UPDATE orders SET total_cents = (SELECT sum(quantity * unit_price_cents) FROM order_items WHERE order_id = @order), updated_at = now()
         WHERE id = @order
        """;

    const string InsertExchange = """
        INSERT INTO order_exchanges (order_id, customer_id, lines, new_skus, payment_method_id, price_difference_cents, call_sid)
        VALUES (@order, @customer, @lines, @skus, @method, @difference, @sid)
        ON CONFLICT (order_id) DO NOTHING
        RETURNING id
        """;

    /// <summary>
    /// The exchanges and item changes the customer requested on one call, each with its order and price difference
    /// (positive: the customer pays; negative: they get it back), in order number order.
    /// </summary>
    public async Task<IReadOnlyList<CallSwap>> SwapsOfCallAsync(long customerId, string callSid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectSwapsOfCall);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("sid", callSid);
        return await command.ReadAllAsync(
            reader => new CallSwap(reader.GetInt64(0), reader.GetBoolean(1), Money.FromCents(reader.GetInt32(2))),
            cancellationToken);
    }

    /// <summary>
    /// What the order's item named <paramref name="itemName"/> can be exchanged for; null when the customer has no such
    /// order or the order no such item.
    /// </summary>
    public async Task<ExchangeOptions?> ListOptionsAsync(long customerId, long orderNumber, string itemName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var order = new NpgsqlCommand(SelectOrderStatus, connection))
        {
            order.Parameters.AddWithValue("order", orderNumber);
            order.Parameters.AddWithValue("customer", customerId);
            if (await order.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }
        var items = await OrderRepository.ReadItemsAsync(connection, orderNumber, cancellationToken);
        if (items.FirstOrDefault(i => OrderRepository.Names(i, itemName)) is not { } item)
        {
            return null;
        }

        await using var options = new NpgsqlCommand(SelectOptions, connection);
        options.Parameters.AddWithValue("sku", item.Sku);
        var itemOptions = ProductOptions.Read((string)(await options.ExecuteScalarAsync(cancellationToken))!);

        await using var variants = new NpgsqlCommand(SelectVariants, connection);
        variants.Parameters.AddWithValue("sku", item.Sku);
        return new ExchangeOptions(item, itemOptions, await variants.ReadAllAsync(
            reader => new ProductVariant(reader.GetString(0), reader.GetString(1), ProductOptions.Read(reader.GetString(2)), Money.FromCents(reader.GetInt32(3))),
            cancellationToken));
    }

    /// <summary>Requests the exchange of the delivered order's items named in <paramref name="swaps"/>, each for its new variant.</summary>
    public Task<OrderExchange> RequestAsync(
        long customerId, long orderNumber, IReadOnlyList<ItemSwap> swaps, long paymentMethodId, string? callSid, CancellationToken cancellationToken) =>
        SwapAsync(customerId, orderNumber, swaps, paymentMethodId, callSid, delivered: true, cancellationToken);

    /// <summary>Changes the items of a pending or processing order named in <paramref name="swaps"/>, each to its new variant.</summary>
    public Task<OrderExchange> ChangeItemsAsync(
        long customerId, long orderNumber, IReadOnlyList<ItemSwap> swaps, long paymentMethodId, string? callSid, CancellationToken cancellationToken) =>
        SwapAsync(customerId, orderNumber, swaps, paymentMethodId, callSid, delivered: false, cancellationToken);

    async Task<OrderExchange> SwapAsync(
        long customerId, long orderNumber, IReadOnlyList<ItemSwap> swaps, long paymentMethodId, string? callSid, bool delivered, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(swaps);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var lockOrder = new NpgsqlCommand(OrderRepository.LockOrder, connection, transaction);
        lockOrder.Parameters.AddWithValue("order", orderNumber);
        lockOrder.Parameters.AddWithValue("customer", customerId);
        var status = (string?)await lockOrder.ExecuteScalarAsync(cancellationToken);
        if (status is null)
        {
            return new OrderExchange(OrderChangeOutcome.NotFound, null);
        }
        if (delivered ? status != "delivered" : !OrderRepository.NotShipped(status))
        {
            return new OrderExchange(OrderChangeOutcome.NotAllowedInStatus, status);
        }
        if (delivered)
        {
            await using var returned = new NpgsqlCommand(ReturnExists, connection, transaction);
            returned.Parameters.AddWithValue("order", orderNumber);
            if ((bool)(await returned.ExecuteScalarAsync(cancellationToken))!)
            {
                return new OrderExchange(OrderChangeOutcome.AlreadyReturned, status);
            }
        }

        // Each swap takes the first line its name names that no earlier swap took: "both lamps" are two swaps.
        var items = await OrderRepository.ReadItemsAsync(connection, orderNumber, cancellationToken);
        var chosen = new List<(OrderItem Item, string NewSku, string NewName, decimal NewPrice)>();
        foreach (var swap in swaps)
        {
            if (items.FirstOrDefault(i => OrderRepository.Names(i, swap.ItemName) && chosen.All(c => c.Item.Line != i.Line)) is not { } item)
            {
                return new OrderExchange(OrderChangeOutcome.NoMatchingItems, status);
            }
            await using var replacement = new NpgsqlCommand(SelectReplacement, connection, transaction);
            replacement.Parameters.AddWithValue("old", item.Sku);
            replacement.Parameters.AddWithValue("new", swap.NewSku?.Trim() ?? "");
            await using var reader = await replacement.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new OrderExchange(OrderChangeOutcome.VariantUnavailable, status);
            }
            chosen.Add((item, swap.NewSku!.Trim(), reader.GetString(0), Money.FromCents(reader.GetInt32(1))));
        }
        if (chosen.Count == 0)
        {
            return new OrderExchange(OrderChangeOutcome.NoMatchingItems, status);
        }

        var difference = chosen.Sum(c => (c.NewPrice - c.Item.UnitPrice) * c.Item.Quantity);
        string method;
        await using (var payment = new NpgsqlCommand(SelectPaymentMethod, connection, transaction))
        {
            payment.Parameters.AddWithValue("id", paymentMethodId);
            payment.Parameters.AddWithValue("customer", customerId);
            await using var reader = await payment.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new OrderExchange(OrderChangeOutcome.PaymentMethodNotFound, status);
            }
            method = reader.GetString(1);
            if (reader.GetString(0) == "gift_card" && Money.FromCents(reader.GetInt32(2)) < difference)
            {
                return new OrderExchange(OrderChangeOutcome.GiftCardBalanceTooLow, status);
            }
        }

        await using var insert = new NpgsqlCommand(delivered ? InsertExchange : InsertItemChange, connection, transaction);
        insert.Parameters.AddWithValue("order", orderNumber);
        insert.Parameters.AddWithValue("customer", customerId);
        insert.Parameters.AddWithValue("lines", chosen.Select(c => c.Item.Line).ToArray());
        if (!delivered)
        {
            insert.Parameters.AddWithValue("oldSkus", chosen.Select(c => c.Item.Sku).ToArray());
        }
        insert.Parameters.AddWithValue("skus", chosen.Select(c => c.NewSku).ToArray());
        insert.Parameters.AddWithValue("method", paymentMethodId);
        insert.Parameters.AddWithValue("difference", Money.ToCents(difference));
        insert.Parameters.AddWithValue("sid", NpgsqlDbType.Text, (object?)callSid ?? DBNull.Value);
        if (await insert.ExecuteScalarAsync(cancellationToken) is null)
        {
            return new OrderExchange(OrderChangeOutcome.AlreadyExchanged, status);
        }
        if (!delivered)
        {
            foreach (var (item, newSku, _, newPrice) in chosen)
            {
                await using var line = new NpgsqlCommand(UpdateLine, connection, transaction);
                line.Parameters.AddWithValue("order", orderNumber);
                line.Parameters.AddWithValue("line", item.Line);
                line.Parameters.AddWithValue("sku", newSku);
                line.Parameters.AddWithValue("price", Money.ToCents(newPrice));
                await line.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var total = new NpgsqlCommand(UpdateTotal, connection, transaction);
            total.Parameters.AddWithValue("order", orderNumber);
            await total.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new OrderExchange(OrderChangeOutcome.Done, status, chosen.Select(c => (c.Item.Name, c.NewName)).ToList(), difference, method);
    }
}
