using System.Collections.Concurrent;

namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// The knowledge base searched by words and by meaning: PostgreSQL's full-text search finds the candidate passages and
/// scores each sentence by the share of the question's words it covers (<see cref="FullTextKnowledgeSearch"/>); a
/// sentence embedding (<see cref="ITextEmbedder"/>) scores each by closeness in meaning, which finds the answer a
/// caller words unlike the document. A sentence's relevance is <see cref="Combine"/> of the two.
/// </summary>
public sealed class HybridKnowledgeSearch(FullTextKnowledgeSearch fullText, ITextEmbedder embedder) : IKnowledgeSearch
{
    /// <summary>
    /// Candidates asked of the full-text search for each passage returned: the words find most passages of a small
    /// knowledge base, and the meaning reorders them.
    /// </summary>
    const int CandidatesPerResult = 4;

    /// <summary>Sentence vectors kept in memory: a knowledge base's sentences are embedded once per process.</summary>
    const int MaxCached = 100_000;

    readonly ConcurrentDictionary<string, float[]> vectors = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<KnowledgeMatch>> SearchAsync(string question, int limit, CancellationToken cancellationToken)
    {
        var candidates = await fullText.SearchAsync(question, limit * CandidatesPerResult, cancellationToken);
        if (candidates.Count == 0)
        {
            return candidates;
        }

        // This search's own copy of the vectors it needs: another search may clear the shared cache meanwhile.
        var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var text in candidates.SelectMany(m => m.Sentences.Select(s => Embedded(m.Heading, s.Text))).Distinct(StringComparer.Ordinal))
        {
            if (vectors.TryGetValue(text, out var vector))
            {
                known[text] = vector;
            }
            else
            {
                missing.Add(text);
            }
        }
        var embedded = await embedder.EmbedAsync([question, .. missing], cancellationToken);
        if (vectors.Count + missing.Count > MaxCached)
        {
            vectors.Clear();
        }
        for (var i = 0; i < missing.Count; i++)
        {
            known[missing[i]] = vectors[missing[i]] = embedded[i + 1];
        }
        var questionVector = embedded[0];

        return candidates
            .Select(m =>
            {
                var sentences = m.Sentences
                    .Select(s => s with { Relevance = Combine(s.Relevance, Similarity(questionVector, known[Embedded(m.Heading, s.Text)])) })
                    .ToList();
                return m with { Sentences = sentences, Relevance = sentences.Max(s => s.Relevance) };
            })
            .OrderByDescending(m => m.Relevance)
            .Take(limit)
            .ToList();
    }

    /// <summary>A sentence is embedded under its section's heading, which often names its topic ("Travel insurance").</summary>
    static string Embedded(string heading, string sentence) => heading.Length == 0 ? sentence : $"{heading}: {sentence}";

    /// <summary>
    /// How the word coverage and the meaning's cosine similarity (both 0 to 1) make one relevance. The meaning weighs
    /// more: on the knowledge evaluation's questions (BENCHMARKS.md) it ranks the answering sentence first more often
    /// than the words do; the words still break its near-ties ("gold member" against a sentence about gold members).
    /// </summary>
    public static double Combine(double coverage, double similarity) => (0.35 * coverage) + (0.65 * similarity);

    static double Similarity(float[] a, float[] b)
    {
        var dot = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }
        return Math.Max(0, dot);
    }
}
