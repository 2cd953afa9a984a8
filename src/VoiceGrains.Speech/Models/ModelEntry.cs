namespace VoiceGrains.Speech.Models;

/// <summary>One pinned model file from models/models.json.</summary>
public sealed record ModelEntry(
    string Name,
    string Kind,
    string File,
    long Bytes,
    string Sha256,
    Uri Url,
    string License,
    string Description,
    bool Default);
