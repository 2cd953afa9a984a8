using Npgsql;

namespace VoiceGrains.Data.Migrations;

/// <summary>Adds a generated call history (db/seed/history.sql) to the demo business: months of finished calls for analytics.</summary>
public sealed class HistorySeeder(NpgsqlDataSource dataSource)
{
    /// <summary>The most calls one run adds: enough for the console's benchmark, small enough for one transaction.</summary>
    public const int MaxCalls = 1_000_000;

    /// <summary>Adds <paramref name="calls"/> calls over the <paramref name="days"/> days before now; needs a business with customers.</summary>
    public async Task SeedAsync(int calls, int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calls, MaxCalls);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand("SELECT count(*) FROM customers", connection))
        {
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                throw new NoCustomersException();
            }
        }
        await using (var seed = new NpgsqlCommand(EmbeddedText.Read(typeof(HistorySeeder).Assembly, "seed/history.sql"), connection))
        {
            seed.CommandTimeout = 0;
            seed.Parameters.AddWithValue("calls", calls);
            seed.Parameters.AddWithValue("days", days);
            seed.Parameters.AddWithValue("seed", 0.42);
            seed.Parameters.AddWithValue("run", Guid.NewGuid().ToString("N"));
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
