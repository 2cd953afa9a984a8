using System.Security.Cryptography;

namespace VoiceGrains.Speech.Models;

/// <summary>
/// One pinned model file: from models/models.json, or a Piper voice file from the voice catalogue
/// (<see cref="PiperVoiceCatalog"/>). It is pinned by its size and the hash its publisher lists: SHA-256 where one is
/// published, else MD5 (Piper's catalogue lists only MD5; the size is checked as well). No URL: only a mirror folder has it.
/// </summary>
public sealed record ModelEntry(
    string Name,
    string Kind,
    string File,
    long Bytes,
    string? Sha256,
    Uri? Url,
    string License,
    string Description,
    bool Default)
{
    /// <summary>The MD5 its publisher lists, for a file with no published SHA-256.</summary>
    public string? Md5 { get; init; }

    /// <summary>Where a mirror folder keeps it, relative to the folder; unset, its file name.</summary>
    public string? MirrorPath { get; init; }

    /// <summary>Other entries installed with this one: a Piper voice's config beside its model.</summary>
    public IReadOnlyList<string> With { get; init; } = [];

    /// <summary>The published hash the file is checked against, and its algorithm.</summary>
    public (HashAlgorithmName Algorithm, string Hex) Pin =>
        Sha256 is not null ? (HashAlgorithmName.SHA256, Sha256)
        : Md5 is not null ? (HashAlgorithmName.MD5, Md5)
        : throw new InvalidOperationException($"Model '{Name}' has no pinned hash.");
}
