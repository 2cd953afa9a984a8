namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// How much of a question a sentence covers: the share of the question's concepts (its English stems, with each
/// synonym group counted as one concept) that the sentence or its section holds, each concept weighted by its inverse
/// document frequency over the knowledge base's passages. A word in every passage ("order" in a shop's policies) weighs
/// almost nothing; a word in none ("wi-fi" asked of an airline whose documents never mention it) weighs most, so a
/// question about something the documents do not cover scores low however many common words it shares with them.
/// </summary>
public sealed class QuestionCoverage
{
    readonly IReadOnlyList<IReadOnlyList<string[]>> groups;
    readonly Dictionary<string, double> weights = new(StringComparer.Ordinal);
    readonly HashSet<string> question;
    readonly HashSet<string> focus;
    readonly double focusTotal;
    readonly double total;
    readonly double least;

    /// <param name="questionStems">The question's stems.</param>
    /// <param name="focusStems">The stems of the sentence that asks (the question's last, after any scene-setting).</param>
    /// <param name="synonymGroups">Groups of equivalent terms, each term as its stems.</param>
    /// <param name="documentFrequency">How many passages hold each stem (a stem missing here is in none).</param>
    /// <param name="passageCount">How many passages the knowledge base has.</param>
    public QuestionCoverage(IReadOnlyCollection<string> questionStems, IReadOnlyCollection<string> focusStems, IReadOnlyList<IReadOnlyList<string[]>> synonymGroups, IReadOnlyDictionary<string, int> documentFrequency, int passageCount)
    {
        groups = synonymGroups;
        double Weight(double frequency) => Math.Log((passageCount + 1.0) / (frequency + 0.5));
        for (var g = 0; g < groups.Count; g++)
        {
            // A group is as common as its most common term; a term of several words as its rarest word.
            var frequency = groups[g].Max(term => term.Min(stem => documentFrequency.GetValueOrDefault(stem)));
            weights[GroupConcept(g)] = Weight(frequency);
        }
        question = Concepts(questionStems);
        focus = Concepts(focusStems);
        focus.IntersectWith(question);
        foreach (var concept in question.Where(c => !weights.ContainsKey(c)))
        {
            weights[concept] = Weight(documentFrequency.GetValueOrDefault(concept));
        }
        total = question.Sum(c => Math.Max(0, weights[c]));
        focusTotal = focus.Sum(c => Math.Max(0, weights[c]));
        // A question must weigh at least what one word found in a quarter of the passages weighs: "where is my order?"
        // asked of a shop whose every document says "order" is not a question its documents answer.
        least = Weight(passageCount / 4.0);
    }

    /// <summary>
    /// The covered share (0 to 1) of the question: half by the sentence with its context (the document's title and the
    /// section's heading, which often name the topic), half by the sentence alone, so the sentence that says it
    /// outranks its neighbours under the same heading.
    /// </summary>
    public double Of(IReadOnlyCollection<string> sentenceStems, IEnumerable<string> contextStems)
    {
        if (total < least || total <= 0)
        {
            return 0;
        }
        var withContext = Concepts(sentenceStems.Concat(contextStems));
        var alone = Concepts(sentenceStems);
        var whole = (Covered(question, withContext) + Covered(question, alone)) / 2 / total;
        if (focusTotal <= 0 || focus.Count == question.Count)
        {
            return whole;
        }
        // A question with scene-setting before it counts what it asks as much as all it says.
        var asked = (Covered(focus, withContext) + Covered(focus, alone)) / 2 / focusTotal;
        return (whole + asked) / 2;
    }

    double Covered(HashSet<string> concepts, HashSet<string> held) => concepts.Where(held.Contains).Sum(c => Math.Max(0, weights[c]));

    HashSet<string> Concepts(IEnumerable<string> stems)
    {
        var present = stems.ToHashSet(StringComparer.Ordinal);
        var concepts = new HashSet<string>(StringComparer.Ordinal);
        var grouped = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var term in groups[g].Where(term => term.Length > 0 && term.All(present.Contains)))
            {
                concepts.Add(GroupConcept(g));
                grouped.UnionWith(term);
            }
        }
        concepts.UnionWith(present.Where(s => !grouped.Contains(s)));
        return concepts;
    }

    // Stems are lower-case words; a concept name with a space cannot collide with one.
    static string GroupConcept(int group) => $"synonyms {group}";
}
