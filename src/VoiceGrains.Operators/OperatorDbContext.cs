using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace VoiceGrains.Operators;

/// <summary>
/// Operators, their roles and API tokens, the audit log and the console's data-protection keys, through ASP.NET Core
/// Identity's Entity Framework stores. The tables are created by db/migrations/009_operators.sql (written from this
/// model's create script), like every other table, never by Entity Framework migrations; a test checks they agree.
/// </summary>
public sealed class OperatorDbContext(DbContextOptions<OperatorDbContext> options)
    : IdentityDbContext<Operator>(options), IDataProtectionKeyContext
{
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    /// <summary>
    /// The keys that sign the console's cookies and anti-forgery tokens, shared by every console process so a
    /// restart or a second replica does not sign everyone out. Anyone who can read this table can forge a session;
    /// so can anyone who can write the operators table: it is guarded as the database is.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.Entity<Operator>().ToTable("operators");
        builder.Entity<IdentityRole>().ToTable("operator_roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("operator_role_members");
        builder.Entity<IdentityUserClaim<string>>().ToTable("operator_claims");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("operator_role_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("operator_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("operator_tokens");
        builder.Entity<ApiToken>(token =>
        {
            token.ToTable("operator_api_tokens");
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasOne(t => t.Operator).WithMany().HasForeignKey(t => t.OperatorId).OnDelete(DeleteBehavior.Cascade);
            token.Property(t => t.Name).HasMaxLength(100);
        });
        builder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.HasIndex(e => e.At);
            entry.Property(e => e.Action).HasMaxLength(50);
            entry.Property(e => e.CallSid).HasMaxLength(64);
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
