using Npgsql;

namespace VoiceGrains.Data;

/// <summary>The business's own names (business, services, staff, products): the words speech recognition should expect.</summary>
public sealed class DomainVocabularyRepository(NpgsqlDataSource dataSource)
{
    const string SelectNames = """
        SELECT name FROM (
            SELECT name, 0 AS rank FROM business
            UNION ALL SELECT name, 1 FROM services
            UNION ALL SELECT name, 2 FROM staff
            UNION ALL SELECT name, 3 FROM products
        ) names
        ORDER BY rank, name
        """;

    public async Task<IReadOnlyList<string>> GetNamesAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectNames);
        return await command.ReadAllAsync(reader => reader.GetString(0), cancellationToken);
    }
}
