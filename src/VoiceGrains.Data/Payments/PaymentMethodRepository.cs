namespace VoiceGrains.Data.Payments;

/// <summary>A customer's payment methods on file; scoped by customer, so nobody hears another customer's.</summary>
public sealed class PaymentMethodRepository(Npgsql.NpgsqlDataSource dataSource)
{
    const string SelectForCustomer = """
        SELECT id, kind, description, balance_cents FROM payment_methods WHERE customer_id = @customer ORDER BY id
        """;

    public async Task<IReadOnlyList<PaymentMethod>> ListAsync(long customerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectForCustomer);
        command.Parameters.AddWithValue("customer", customerId);
        return await command.ReadAllAsync(
            reader => new PaymentMethod(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : Money.FromCents(reader.GetInt32(3))),
            cancellationToken);
    }
}
