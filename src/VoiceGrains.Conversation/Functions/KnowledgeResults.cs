namespace VoiceGrains.Conversation.Functions;

/// <summary>
/// What the knowledge base says to a question: <see cref="Answer"/> is the sentence that answers it, short enough to
/// say; <see cref="More"/> the rest of its passage and section, for "tell me more"; <see cref="Passages"/> the passages found, for
/// a language model to answer from in its own words.
/// </summary>
public sealed record KnowledgeAnswer(string Answer, IReadOnlyList<string> More, IReadOnlyList<KnowledgePassageFound> Passages);

/// <summary>A passage of the knowledge base, with the document and section it is from.</summary>
public sealed record KnowledgePassageFound(string Document, string Section, string Text);

/// <summary>The knowledge base does not answer the question; <see cref="Advice"/> says what to do instead of guessing.</summary>
public sealed record KnowledgeNotFound(string Advice) : IUnfulfilled;
