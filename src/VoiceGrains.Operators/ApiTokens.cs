using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace VoiceGrains.Operators;

/// <summary>Issues, finds and revokes operators' API tokens ("vg_" and 43 base64url characters: 32 random bytes).</summary>
public sealed class ApiTokens(OperatorDbContext db, TimeProvider time)
{
    public const string Prefix = "vg_";

    /// <summary>Issues a token for the operator; the returned text is shown once and never stored.</summary>
    public async Task<string> IssueAsync(Operator op, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var token = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        db.ApiTokens.Add(new ApiToken { OperatorId = op.Id, Name = name, TokenHash = Hash(token), CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>The operator a presented token belongs to, or null for an unknown, revoked or malformed one.</summary>
    public async Task<Operator?> FindOperatorAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }
        // The lookup is by the hash, so its timing says nothing about how much of a guessed token was right.
        var hash = Hash(presented);
        var token = await db.ApiTokens.Include(t => t.Operator)
            .SingleOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, cancellationToken);
        if (token is null)
        {
            return null;
        }
        // Last use is kept to the minute: a script polling every second would otherwise write a row a request.
        var now = time.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }
        return token.Operator;
    }

    /// <summary>Revokes the operator's tokens of that name; returns how many.</summary>
    public async Task<int> RevokeAsync(Operator op, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(op);
        var now = time.GetUtcNow();
        return await db.ApiTokens.Where(t => t.OperatorId == op.Id && t.Name == name && t.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
