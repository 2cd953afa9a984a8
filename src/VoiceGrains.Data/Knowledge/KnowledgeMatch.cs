namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// A passage found for a question. <see cref="Relevance"/> (0 to 1) is how much of the question the passage covers;
/// each sentence has its own, counting the section it is in, so an answer can quote the sentence that answers.
/// <see cref="Following"/> are the sentences of the passages after it in the same section, for "tell me more".
/// </summary>
public sealed record KnowledgeMatch(string Document, string Heading, IReadOnlyList<KnowledgeSentence> Sentences, double Relevance, IReadOnlyList<string> Following);

/// <summary>One sentence of a found passage and how much of the question it (in its section) covers, 0 to 1.</summary>
public sealed record KnowledgeSentence(string Text, double Relevance);
