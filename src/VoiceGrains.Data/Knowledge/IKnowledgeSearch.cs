namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// Finds the passages of the knowledge base that answer a caller's question, best first, each scored 0 to 1 for how
/// much of the question it covers. Today PostgreSQL's full-text search (<see cref="FullTextKnowledgeSearch"/>);
/// an embedding search can be another implementation, scoring sentences by similarity, without the callers changing.
/// </summary>
public interface IKnowledgeSearch
{
    Task<IReadOnlyList<KnowledgeMatch>> SearchAsync(string question, int limit, CancellationToken cancellationToken);
}
