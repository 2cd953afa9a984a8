using System.Text.RegularExpressions;
using Npgsql;
using VoiceGrains.Contracts.Text;

namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// The knowledge base searched with PostgreSQL's full-text search: the question's words (and the business's synonyms
/// of them) OR-ed into a <c>websearch_to_tsquery</c> (which never fails on a caller's text, whatever it holds),
/// passages ranked by <c>ts_rank</c>, then each sentence scored by <see cref="QuestionCoverage"/> from the same
/// English stems the index holds.
/// </summary>
public sealed partial class FullTextKnowledgeSearch(NpgsqlDataSource dataSource) : IKnowledgeSearch
{
    // The question's stems, and every term of each synonym group one of whose terms the question contains (all its
    // words: "money back" needs both).
    // The built-in vocabulary's groups come as two parallel arrays, with negative group ids.
    const string SelectQuestion = """
        SELECT tsvector_to_array(to_tsvector('english', @question)), tsvector_to_array(to_tsvector('english', @focus));
        WITH groups AS (
            SELECT group_id, term FROM knowledge_synonyms
            UNION ALL
            SELECT group_id, term FROM unnest(@builtInGroups, @builtInTerms) AS b(group_id, term)
        )
        SELECT g.group_id, g.term, tsvector_to_array(to_tsvector('english', g.term))
          FROM groups g
         WHERE g.group_id IN (SELECT s.group_id FROM groups s
                               WHERE to_tsvector('english', s.term) <> ''::tsvector
                                 AND tsvector_to_array(to_tsvector('english', s.term)) <@ tsvector_to_array(to_tsvector('english', @question)))
         ORDER BY g.group_id, g.term
        """;

    static readonly int[] BuiltInGroups = CallerVocabulary.Groups.SelectMany((group, i) => group.Select(_ => -(i + 1))).ToArray();
    static readonly string[] BuiltInTerms = CallerVocabulary.Groups.SelectMany(group => group).ToArray();

    // ts_rank's normalization 1 divides by 1 + log(length), so a long passage does not win by length alone.
    // knowledge_stems counts the passages that hold each stem, for the stems' weights.
    const string SelectPassages = """
        WITH query AS (SELECT websearch_to_tsquery('english', @words) AS q)
        SELECT d.title, p.heading, p.sentences,
               ARRAY(SELECT array_to_string(tsvector_to_array(to_tsvector('english', s)), ' ') FROM unnest(p.sentences) AS s),
               tsvector_to_array(to_tsvector('english', d.title || ' ' || p.heading)),
               ts_rank(p.search, query.q, 1) AS rank,
               ARRAY(SELECT u.s FROM knowledge_passages n CROSS JOIN LATERAL unnest(n.sentences) WITH ORDINALITY AS u(s, k)
                      WHERE n.document_id = p.document_id AND n.heading = p.heading AND n.ordinal > p.ordinal
                      ORDER BY n.ordinal, u.k)
          FROM knowledge_passages p
          JOIN knowledge_documents d ON d.id = p.document_id
         CROSS JOIN query
         WHERE p.search @@ query.q
         ORDER BY rank DESC, p.id
         LIMIT @limit;
        SELECT stem, passages FROM knowledge_stems WHERE stem = ANY(@stems);
        SELECT count(*) FROM knowledge_passages
        """;

    public async Task<IReadOnlyList<KnowledgeMatch>> SearchAsync(string question, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var words = Words().Matches(QuestionWords().Replace(question.ToLowerInvariant(), " ")).Select(m => m.Value.Trim('\'', '-'))
            .Where(w => w.Length > 0 && !CallerFiller.Contains(w) && w is not ("or" or "and" or "not"))
            .ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var asked = string.Join(' ', words);
        // Callers set the scene, then ask: "I booked a flight three hours ago and my plans fell through. Am I still
        // able to cancel it?" The last sentence that asks is the question's focus.
        var sentences = SentenceSplitter.Split(question);
        var focus = sentences.LastOrDefault(s => s.EndsWith('?')) ?? sentences.LastOrDefault() ?? question;

        return await DatabaseRetry.RunAsync<IReadOnlyList<KnowledgeMatch>>(async cancellation =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellation);
            string[] stems, focusStems;
            var synonyms = new List<(int Group, string Term, string[] Stems)>();
            await using (var command = new NpgsqlCommand(SelectQuestion, connection))
            {
                command.Parameters.AddWithValue("question", asked);
                command.Parameters.AddWithValue("focus", focus);
                command.Parameters.AddWithValue("builtInGroups", BuiltInGroups);
                command.Parameters.AddWithValue("builtInTerms", BuiltInTerms);
                await using var reader = await command.ExecuteReaderAsync(cancellation);
                await reader.ReadAsync(cancellation);
                stems = reader.GetFieldValue<string[]>(0);
                focusStems = reader.GetFieldValue<string[]>(1);
                await reader.NextResultAsync(cancellation);
                while (await reader.ReadAsync(cancellation))
                {
                    synonyms.Add((reader.GetInt32(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));
                }
            }
            if (stems.Length == 0)
            {
                return [];
            }

            var terms = words.Concat(synonyms.Select(s => $"\"{s.Term}\"")).Distinct(StringComparer.Ordinal);
            var passages = new List<(string Title, string Heading, string[] Sentences, string[] SentenceStems, string[] ContextStems, string[] Following)>();
            var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
            int passageCount;
            await using (var command = new NpgsqlCommand(SelectPassages, connection))
            {
                command.Parameters.AddWithValue("words", string.Join(" or ", terms));
                command.Parameters.AddWithValue("limit", limit);
                command.Parameters.AddWithValue("stems", stems.Concat(synonyms.SelectMany(s => s.Stems)).Distinct(StringComparer.Ordinal).ToArray());
                await using var reader = await command.ExecuteReaderAsync(cancellation);
                while (await reader.ReadAsync(cancellation))
                {
                    passages.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<string[]>(3), reader.GetFieldValue<string[]>(4),
                        reader.GetFieldValue<string[]>(6)));
                }
                await reader.NextResultAsync(cancellation);
                while (await reader.ReadAsync(cancellation))
                {
                    documentFrequency[reader.GetString(0)] = reader.GetInt32(1);
                }
                await reader.NextResultAsync(cancellation);
                await reader.ReadAsync(cancellation);
                passageCount = (int)reader.GetInt64(0);
            }

            var coverage = new QuestionCoverage(
                stems,
                focusStems,
                synonyms.GroupBy(s => s.Group).Select(g => (IReadOnlyList<string[]>)g.Select(s => s.Stems).ToList()).ToList(),
                documentFrequency,
                passageCount);
            return passages
                .Select(p =>
                {
                    var sentences = p.Sentences.Select((text, i) => new KnowledgeSentence(text, coverage.Of(p.SentenceStems[i].Split(' ', StringSplitOptions.RemoveEmptyEntries), p.ContextStems))).ToList();
                    var whole = coverage.Of(p.SentenceStems.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList(), p.ContextStems);
                    return new KnowledgeMatch(p.Title, p.Heading, sentences, whole, p.Following);
                })
                .OrderByDescending(m => m.Sentences.Max(s => s.Relevance))
                .ThenByDescending(m => m.Relevance)
                .ToList();
        }, cancellationToken);
    }

    /// <summary>
    /// Words callers say that carry no meaning for a search ("um, so, like, you guys…"): PostgreSQL's English stop
    /// words drop "the", "can" and the like already, not these.
    /// </summary>
    static readonly HashSet<string> CallerFiller = new(StringComparer.Ordinal)
    {
        "um", "uh", "er", "hmm", "like", "yeah", "yes", "hey", "hi", "hello", "okay", "ok", "so", "well", "guys", "gonna", "wanna",
        "gotta", "kinda", "actually", "really", "just", "quick", "question", "wondering", "please", "thanks", "right", "sure",
        "anything", "something", "stuff", "thing", "things", "know", "tell", "me", "get", "got", "also", "still", "maybe",
    };

    // "How long", "how many": the question's form, not its topic ("long" would otherwise be a word no passage has).
    [GeneratedRegex(@"\bhow (long|many|much|soon|often|early|late)\b")]
    private static partial Regex QuestionWords();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-]*")]
    private static partial Regex Words();
}
