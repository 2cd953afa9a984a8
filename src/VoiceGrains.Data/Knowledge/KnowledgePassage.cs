namespace VoiceGrains.Data.Knowledge;

/// <summary>A passage as stored and searched: the section it sits in, and its sentences in order.</summary>
public sealed record KnowledgePassage(string Heading, IReadOnlyList<string> Sentences);
