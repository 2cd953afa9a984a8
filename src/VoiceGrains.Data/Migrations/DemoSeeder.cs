using Npgsql;

namespace VoiceGrains.Data.Migrations;

/// <summary>Loads db/seed/demo.sql (a small shop with customers, orders and calendars) into an empty business.</summary>
public sealed class DemoSeeder(NpgsqlDataSource dataSource)
{
    // The lock makes a second seeder that starts at the same moment wait, then find the business there.
    const string AlreadySeeded = "LOCK TABLE business IN EXCLUSIVE MODE; SELECT EXISTS (SELECT 1 FROM business)";

    /// <summary>Seeds and returns true, or returns false when the database already holds a business.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand(AlreadySeeded, connection))
        {
            if ((bool)(await check.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }

        var sql = EmbeddedText.Read(typeof(DemoSeeder).Assembly, "seed/demo.sql");
        await using (var seed = new NpgsqlCommand(sql, connection))
        {
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
