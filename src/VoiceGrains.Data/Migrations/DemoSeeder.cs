using Npgsql;
using VoiceGrains.Data.Knowledge;

namespace VoiceGrains.Data.Migrations;

/// <summary>
/// Loads db/seed/demo.sql (a small shop with customers, orders and calendars) into an empty business, and its knowledge
/// base from db/seed/knowledge.
/// </summary>
public sealed class DemoSeeder(NpgsqlDataSource dataSource)
{
    // The lock makes a second seeder that starts at the same moment wait, then find the business there.
    const string AlreadySeeded = "LOCK TABLE business IN EXCLUSIVE MODE; SELECT EXISTS (SELECT 1 FROM business)";

    const string KnowledgePrefix = "seed/knowledge/";

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
        var (documents, synonyms) = KnowledgeFolder.Parse(EmbeddedText.ReadFolder(typeof(DemoSeeder).Assembly, KnowledgePrefix));
        await KnowledgeRepository.ImportAsync(connection, transaction, documents, synonyms, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
