namespace VoiceGrains.Operators;

/// <summary>
/// A per-operator credential for scripts calling the REST API. Only the token's SHA-256 is stored: a token is 32
/// random bytes, so a fast hash loses nothing to guessing, and a database dump gives no usable token.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public required string OperatorId { get; set; }

    public required string Name { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public Operator? Operator { get; set; }
}
