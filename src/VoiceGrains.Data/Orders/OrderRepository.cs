using Npgsql;
using NpgsqlTypes;

namespace VoiceGrains.Data.Orders;

/// <summary>
/// A customer's orders. Every statement is scoped by customer id: an order number of another customer reads as
/// "not found", so no caller can see or change someone else's order whatever they claim. The business rules
/// (which status allows which change) are in the statements themselves, so a change is checked and made at once.
/// </summary>
public sealed class OrderRepository(NpgsqlDataSource dataSource)
{
    const string ChangeableStatuses = "('pending', 'processing')";

    /// <summary>Whether an order in <paramref name="status"/> has not shipped, so it may still be changed (the statuses above).</summary>
    internal static bool NotShipped(string status) => status is "pending" or "processing";

    const string SelectRecent = """
        SELECT o.id, o.status, o.placed_at, o.total_cents, (SELECT count(*)::int FROM order_items i WHERE i.order_id = o.id),
               ARRAY(SELECT p.name FROM order_items i JOIN products p ON p.sku = i.sku WHERE i.order_id = o.id ORDER BY i.line)
          FROM orders o WHERE o.customer_id = @customer
         ORDER BY o.placed_at DESC LIMIT @limit
        """;

    const string SelectOrder = """
        SELECT id, status, placed_at, total_cents, shipping_address,
               EXISTS (SELECT 1 FROM order_returns r WHERE r.order_id = orders.id),
               EXISTS (SELECT 1 FROM order_exchanges x WHERE x.order_id = orders.id),
               EXISTS (SELECT 1 FROM order_item_changes c WHERE c.order_id = orders.id),
               (SELECT description FROM payment_methods m WHERE m.id = orders.payment_method_id)
          FROM orders WHERE id = @order AND customer_id = @customer
        """;

    const string SelectItems = """
        SELECT i.line, i.sku, p.name, i.quantity, i.unit_price_cents
          FROM order_items i JOIN products p ON p.sku = i.sku
         WHERE i.order_id = @order ORDER BY i.line
        """;

    // A cancelled order was not paid for; its items are not counted.
    const string SelectBought = """
        SELECT o.id, o.status, p.name, i.quantity, i.unit_price_cents
          FROM orders o JOIN order_items i ON i.order_id = o.id JOIN products p ON p.sku = i.sku
         WHERE o.customer_id = @customer AND o.status <> 'cancelled' AND p.name ILIKE ALL (@patterns)
         ORDER BY o.placed_at, o.id, i.line
        """;

    const string SelectShipments = """
        SELECT s.carrier, s.tracking_number, s.status, s.expected_delivery, e.description, e.location, e.at
          FROM shipments s
          LEFT JOIN LATERAL (SELECT description, location, at FROM shipment_events
                              WHERE shipment_id = s.id ORDER BY at DESC LIMIT 1) e ON true
         WHERE s.order_id = @order ORDER BY s.id
        """;

    const string SelectStatus = "SELECT status FROM orders WHERE id = @order AND customer_id = @customer";

    const string Cancel = $"""
        UPDATE orders SET status = 'cancelled', cancel_reason = @reason, updated_at = now()
         WHERE id = @order AND customer_id = @customer AND status IN {ChangeableStatuses}
        RETURNING status
        """;

    const string ChangeAddress = $"""
        UPDATE orders SET shipping_address = @address, updated_at = now()
         WHERE id = @order AND customer_id = @customer AND status IN {ChangeableStatuses}
        RETURNING status
        """;

    const string ChangePayment = $"""
        UPDATE orders o SET payment_method_id = m.id, updated_at = now()
          FROM payment_methods m
         WHERE o.id = @order AND o.customer_id = @customer AND o.status IN {ChangeableStatuses}
           AND m.id = @method AND m.customer_id = @customer AND o.payment_method_id IS DISTINCT FROM m.id
           AND (m.kind <> 'gift_card' OR m.balance_cents >= o.total_cents)
        RETURNING o.status
        """;

    const string WhyNoPaymentChange = """
        SELECT o.payment_method_id IS NOT DISTINCT FROM m.id, m.id IS NOT NULL
          FROM orders o LEFT JOIN payment_methods m ON m.id = @method AND m.customer_id = @customer
         WHERE o.id = @order AND o.customer_id = @customer
        """;

    /// <summary>The order's status, its row locked: returns and exchanges of one order are decided one at a time.</summary>
    internal const string LockOrder = "SELECT status FROM orders WHERE id = @order AND customer_id = @customer FOR UPDATE";

    internal const string ExchangeExists = "SELECT EXISTS (SELECT 1 FROM order_exchanges WHERE order_id = @order)";

    const string InsertReturn = """
        INSERT INTO order_returns (order_id, customer_id, lines, refund_to, refund_cents, call_sid)
        VALUES (@order, @customer, @lines, @refundTo, @refund, @sid)
        ON CONFLICT (order_id) DO NOTHING
        RETURNING id
        """;

    public async Task<IReadOnlyList<OrderSummary>> ListRecentAsync(long customerId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectRecent);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("limit", limit);
        return await command.ReadAllAsync(
            reader => new OrderSummary(
                reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), Money.FromCents(reader.GetInt32(3)), reader.GetInt32(4),
                reader.GetFieldValue<string[]>(5)),
            cancellationToken);
    }

    /// <summary>
    /// The items of the customer's orders (all but cancelled ones) whose name holds every word of
    /// <paramref name="itemName"/>, oldest order first: what they paid for "the grills".
    /// </summary>
    public async Task<IReadOnlyList<BoughtItem>> ItemsBoughtAsync(long customerId, string itemName, CancellationToken cancellationToken)
    {
        var patterns = Products.ProductNamePatterns.From(itemName ?? "");
        if (patterns.Length == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand(SelectBought);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("patterns", patterns);
        return await command.ReadAllAsync(
            reader => new BoughtItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), Money.FromCents(reader.GetInt32(4))),
            cancellationToken);
    }

    /// <summary>The order with its items and shipments, or null when this customer has no such order.</summary>
    public async Task<OrderDetails?> GetAsync(long customerId, long orderNumber, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(SelectOrder, connection);
        command.Parameters.AddWithValue("order", orderNumber);
        command.Parameters.AddWithValue("customer", customerId);
        long id;
        string status, address;
        DateTimeOffset placedAt;
        int totalCents;
        bool returnRequested, exchangeRequested, itemsChanged;
        string? paymentMethod;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            (id, status, placedAt, totalCents, address) = (reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3), reader.GetString(4));
            (returnRequested, exchangeRequested, itemsChanged, paymentMethod) = (reader.GetBoolean(5), reader.GetBoolean(6), reader.GetBoolean(7), reader.IsDBNull(8) ? null : reader.GetString(8));
        }

        return new OrderDetails(id, status, placedAt, Money.FromCents(totalCents), address,
            await ReadItemsAsync(connection, id, cancellationToken), await ReadShipmentsAsync(connection, id, cancellationToken), returnRequested, exchangeRequested, itemsChanged, paymentMethod);
    }

    /// <summary>Cancels a pending or processing order; a shipped, delivered or cancelled one is refused.</summary>
    public async Task<OrderChange> CancelAsync(long customerId, long orderNumber, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await using var command = dataSource.CreateCommand(Cancel);
        command.Parameters.AddWithValue("order", orderNumber);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("reason", reason);
        return await ChangeAsync(command, customerId, orderNumber, cancellationToken);
    }

    /// <summary>Changes where an order that has not shipped yet goes.</summary>
    public async Task<OrderChange> ChangeShippingAddressAsync(long customerId, long orderNumber, string address, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        await using var command = dataSource.CreateCommand(ChangeAddress);
        command.Parameters.AddWithValue("order", orderNumber);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("address", address.Trim());
        return await ChangeAsync(command, customerId, orderNumber, cancellationToken);
    }

    /// <summary>
    /// Pays an order that has not shipped with another of the customer's payment methods; a gift card must cover the
    /// order's total.
    /// </summary>
    public async Task<OrderChange> ChangePaymentMethodAsync(long customerId, long orderNumber, long paymentMethodId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ChangePayment);
        command.Parameters.AddWithValue("order", orderNumber);
        command.Parameters.AddWithValue("customer", customerId);
        command.Parameters.AddWithValue("method", paymentMethodId);
        var change = await ChangeAsync(command, customerId, orderNumber, cancellationToken);
        if (change.Outcome != OrderChangeOutcome.NotAllowedInStatus || !NotShipped(change.Status!))
        {
            return change;
        }

        // Not shipped, yet unchanged: say which of the payment rules it broke.
        await using var why = dataSource.CreateCommand(WhyNoPaymentChange);
        why.Parameters.AddWithValue("order", orderNumber);
        why.Parameters.AddWithValue("customer", customerId);
        why.Parameters.AddWithValue("method", paymentMethodId);
        await using var reader = await why.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var outcome = reader.GetBoolean(0) ? OrderChangeOutcome.SamePaymentMethod
            : !reader.GetBoolean(1) ? OrderChangeOutcome.PaymentMethodNotFound
            : OrderChangeOutcome.GiftCardBalanceTooLow;
        return new OrderChange(outcome, change.Status);
    }

    /// <summary>
    /// Starts a return of a delivered order: the lines whose product names contain one of
    /// <paramref name="itemNames"/> (all lines when it is empty), refunded to <paramref name="refundTo"/>.
    /// </summary>
    public async Task<OrderChange> StartReturnAsync(
        long customerId, long orderNumber, IReadOnlyCollection<string> itemNames, RefundDestination refundTo, string? callSid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemNames);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var lockOrder = new NpgsqlCommand(LockOrder, connection, transaction);
        lockOrder.Parameters.AddWithValue("order", orderNumber);
        lockOrder.Parameters.AddWithValue("customer", customerId);
        var status = (string?)await lockOrder.ExecuteScalarAsync(cancellationToken);
        if (status is null)
        {
            return new OrderChange(OrderChangeOutcome.NotFound, null);
        }
        if (status != "delivered")
        {
            return new OrderChange(OrderChangeOutcome.NotAllowedInStatus, status);
        }

        await using var exchanged = new NpgsqlCommand(ExchangeExists, connection, transaction);
        exchanged.Parameters.AddWithValue("order", orderNumber);
        if ((bool)(await exchanged.ExecuteScalarAsync(cancellationToken))!)
        {
            return new OrderChange(OrderChangeOutcome.AlreadyExchanged, status);
        }

        var items = await ReadItemsAsync(connection, orderNumber, cancellationToken);
        var chosen = itemNames.Count == 0
            ? items
            : items.Where(i => itemNames.Any(n => Names(i, n))).ToList();
        if (chosen.Count == 0)
        {
            return new OrderChange(OrderChangeOutcome.NoMatchingItems, status);
        }

        var refund = chosen.Sum(i => i.UnitPrice * i.Quantity);
        await using var insert = new NpgsqlCommand(InsertReturn, connection, transaction);
        insert.Parameters.AddWithValue("order", orderNumber);
        insert.Parameters.AddWithValue("customer", customerId);
        insert.Parameters.AddWithValue("lines", chosen.Select(i => i.Line).ToArray());
        insert.Parameters.AddWithValue("refundTo", DbNames.Of(refundTo));
        insert.Parameters.AddWithValue("refund", Money.ToCents(refund));
        insert.Parameters.AddWithValue("sid", NpgsqlDbType.Text, (object?)callSid ?? DBNull.Value);
        if (await insert.ExecuteScalarAsync(cancellationToken) is null)
        {
            return new OrderChange(OrderChangeOutcome.AlreadyReturned, status);
        }

        await transaction.CommitAsync(cancellationToken);
        return new OrderChange(OrderChangeOutcome.Done, status, refund, chosen.Select(i => i.Name).ToList(), items.Sum(i => i.UnitPrice * i.Quantity) - refund);
    }

    async Task<OrderChange> ChangeAsync(NpgsqlCommand change, long customerId, long orderNumber, CancellationToken cancellationToken)
    {
        if (await change.ExecuteScalarAsync(cancellationToken) is string changed)
        {
            return new OrderChange(OrderChangeOutcome.Done, changed);
        }

        await using var command = dataSource.CreateCommand(SelectStatus);
        command.Parameters.AddWithValue("order", orderNumber);
        command.Parameters.AddWithValue("customer", customerId);
        return await command.ExecuteScalarAsync(cancellationToken) is string status
            ? new OrderChange(OrderChangeOutcome.NotAllowedInStatus, status)
            : new OrderChange(OrderChangeOutcome.NotFound, null);
    }

    /// <summary>Whether a caller's <paramref name="itemName"/> (a product name or part of one) names this line.</summary>
    internal static bool Names(OrderItem item, string itemName) =>
        !string.IsNullOrWhiteSpace(itemName) && item.Name.Contains(itemName.Trim(), StringComparison.OrdinalIgnoreCase);

    internal static async Task<IReadOnlyList<OrderItem>> ReadItemsAsync(NpgsqlConnection connection, long orderNumber, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectItems, connection);
        command.Parameters.AddWithValue("order", orderNumber);
        return await command.ReadAllAsync(
            reader => new OrderItem(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), Money.FromCents(reader.GetInt32(4))),
            cancellationToken);
    }

    static async Task<IReadOnlyList<Shipment>> ReadShipmentsAsync(NpgsqlConnection connection, long orderNumber, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(SelectShipments, connection);
        command.Parameters.AddWithValue("order", orderNumber);
        return await command.ReadAllAsync(reader => new Shipment(
            reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)), cancellationToken);
    }
}
