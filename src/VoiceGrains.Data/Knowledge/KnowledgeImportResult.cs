namespace VoiceGrains.Data.Knowledge;

/// <summary>What an import changed, by document name; <see cref="Passages"/> counts the passages of the whole base after it.</summary>
public sealed record KnowledgeImportResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Replaced,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> Removed,
    int Passages,
    int SynonymGroups);
