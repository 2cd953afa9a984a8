namespace VoiceGrains.Data.Knowledge;

/// <summary>
/// One document of the knowledge base, ready to store: <see cref="Name"/> is its path inside the imported folder (the
/// key a re-import matches on), <see cref="ContentSha256"/> the hash of its text (a changed hash replaces it).
/// </summary>
public sealed record KnowledgeDocument(string Name, string Title, string ContentSha256, IReadOnlyList<KnowledgePassage> Passages);
