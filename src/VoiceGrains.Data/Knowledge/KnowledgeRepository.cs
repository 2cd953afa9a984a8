using Npgsql;

namespace VoiceGrains.Data.Knowledge;

/// <summary>Stores the knowledge base: an import makes it match a folder of documents and its synonyms.</summary>
public sealed class KnowledgeRepository(NpgsqlDataSource dataSource)
{
    // One importer at a time: two imports of different folders would otherwise interleave their deletions.
    const string LockBase = "LOCK TABLE knowledge_documents IN EXCLUSIVE MODE";

    const string SelectHashes = "SELECT name, content_sha256 FROM knowledge_documents";

    const string DeleteDocument = "DELETE FROM knowledge_documents WHERE name = @name";

    const string InsertDocument = """
        INSERT INTO knowledge_documents (name, title, content_sha256) VALUES (@name, @title, @hash)
        RETURNING id
        """;

    const string InsertPassage = """
        INSERT INTO knowledge_passages (document_id, ordinal, heading, sentences, search)
        VALUES (@document, @ordinal, @heading, @sentences,
                setweight(to_tsvector('english', @title || ' ' || @heading), 'A') || to_tsvector('english', array_to_string(@sentences, ' ')))
        """;

    const string DeleteSynonyms = "DELETE FROM knowledge_synonyms";

    const string InsertSynonym = "INSERT INTO knowledge_synonyms (group_id, term) VALUES (@group, @term) ON CONFLICT DO NOTHING";

    const string CountPassages = "SELECT count(*) FROM knowledge_passages";

    const string RebuildStems = """
        DELETE FROM knowledge_stems;
        INSERT INTO knowledge_stems (stem, passages) SELECT word, ndoc FROM ts_stat('SELECT search FROM knowledge_passages')
        """;

    /// <summary>
    /// Makes the knowledge base hold exactly <paramref name="documents"/> and <paramref name="synonymGroups"/>, in one
    /// transaction: a document whose text changed is replaced, one no longer given is removed, an unchanged one is kept.
    /// </summary>
    public async Task<KnowledgeImportResult> ImportAsync(
        IReadOnlyCollection<KnowledgeDocument> documents, IReadOnlyList<IReadOnlyList<string>> synonymGroups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(synonymGroups);
        var duplicate = documents.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The document '{duplicate.Key}' is given twice.", nameof(documents));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await ImportAsync(connection, transaction, documents, synonymGroups, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The import inside a transaction the caller commits (the demo seeder's, so a business is never seeded without its knowledge).</summary>
    internal static async Task<KnowledgeImportResult> ImportAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyCollection<KnowledgeDocument> documents, IReadOnlyList<IReadOnlyList<string>> synonymGroups, CancellationToken cancellationToken)
    {
        await using (var lockBase = new NpgsqlCommand(LockBase, connection, transaction))
        {
            await lockBase.ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var select = new NpgsqlCommand(SelectHashes, connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored[reader.GetString(0)] = reader.GetString(1);
            }
        }

        List<string> added = [], replaced = [], unchanged = [];
        foreach (var document in documents.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            if (stored.TryGetValue(document.Name, out var hash))
            {
                if (hash == document.ContentSha256)
                {
                    unchanged.Add(document.Name);
                    continue;
                }
                await DeleteAsync(connection, transaction, document.Name, cancellationToken);
                replaced.Add(document.Name);
            }
            else
            {
                added.Add(document.Name);
            }
            await InsertAsync(connection, transaction, document, cancellationToken);
        }

        var given = documents.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var removed = stored.Keys.Where(name => !given.Contains(name)).Order(StringComparer.Ordinal).ToList();
        foreach (var name in removed)
        {
            await DeleteAsync(connection, transaction, name, cancellationToken);
        }

        await using (var clear = new NpgsqlCommand(DeleteSynonyms, connection, transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        for (var group = 0; group < synonymGroups.Count; group++)
        {
            foreach (var term in synonymGroups[group])
            {
                await using var insert = new NpgsqlCommand(InsertSynonym, connection, transaction);
                insert.Parameters.AddWithValue("group", group + 1);
                insert.Parameters.AddWithValue("term", term);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using (var stems = new NpgsqlCommand(RebuildStems, connection, transaction))
        {
            await stems.ExecuteNonQueryAsync(cancellationToken);
        }

        int passages;
        await using (var count = new NpgsqlCommand(CountPassages, connection, transaction))
        {
            passages = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        return new KnowledgeImportResult(added, replaced, unchanged, removed, passages, synonymGroups.Count);
    }

    static async Task DeleteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand(DeleteDocument, connection, transaction);
        delete.Parameters.AddWithValue("name", name);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, KnowledgeDocument document, CancellationToken cancellationToken)
    {
        long id;
        await using (var insert = new NpgsqlCommand(InsertDocument, connection, transaction))
        {
            insert.Parameters.AddWithValue("name", document.Name);
            insert.Parameters.AddWithValue("title", document.Title);
            insert.Parameters.AddWithValue("hash", document.ContentSha256);
            id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            for (var ordinal = 0; ordinal < document.Passages.Count; ordinal++)
            {
                var passage = document.Passages[ordinal];
                var command = new NpgsqlBatchCommand(InsertPassage);
                command.Parameters.AddWithValue("document", id);
                command.Parameters.AddWithValue("ordinal", ordinal);
                command.Parameters.AddWithValue("title", document.Title);
                command.Parameters.AddWithValue("heading", passage.Heading);
                command.Parameters.AddWithValue("sentences", passage.Sentences.ToArray());
                batch.BatchCommands.Add(command);
            }
            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
