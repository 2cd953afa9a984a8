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
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
