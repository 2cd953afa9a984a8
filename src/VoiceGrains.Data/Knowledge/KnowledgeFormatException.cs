namespace VoiceGrains.Data.Knowledge;

/// <summary>A knowledge-base file that cannot be imported, with where and why, for the person who wrote it.</summary>
public sealed class KnowledgeFormatException(string file, int? line, string problem)
    : Exception(line is null ? $"{file}: {problem}" : $"{file}, line {line}: {problem}")
{
    public string File { get; } = file;

    public int? Line { get; } = line;
}
