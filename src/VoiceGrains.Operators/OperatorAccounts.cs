using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace VoiceGrains.Operators;

/// <summary>Adding operators and changing their role: what `voicegrains operators` and the console's admin page do.</summary>
public sealed class OperatorAccounts(UserManager<Operator> users, RoleManager<IdentityRole> roles)
{
    /// <summary>Adds an operator with one role; throws <see cref="OperatorAccountException"/> with Identity's reasons.</summary>
    public async Task<Operator> AddAsync(string email, string password, string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (!OperatorRoles.IsRole(role))
        {
            throw new OperatorAccountException($"'{role}' is not a role; the roles are {string.Join(", ", OperatorRoles.All)}.");
        }
        await EnsureRolesAsync();
        var op = new Operator { UserName = email, Email = email, EmailConfirmed = true };
        Check(await users.CreateAsync(op, password));
        Check(await users.AddToRoleAsync(op, role));
        return op;
    }

    /// <summary>Gives the operator <paramref name="role"/> in place of the one they had.</summary>
    public async Task SetRoleAsync(Operator op, string role)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (!OperatorRoles.IsRole(role))
        {
            throw new OperatorAccountException($"'{role}' is not a role; the roles are {string.Join(", ", OperatorRoles.All)}.");
        }
        await EnsureRolesAsync();
        Check(await users.RemoveFromRolesAsync(op, await users.GetRolesAsync(op)));
        Check(await users.AddToRoleAsync(op, role));
        // A changed role must reach the operator's open sessions: the cookie is checked against the stamp.
        Check(await users.UpdateSecurityStampAsync(op));
    }

    /// <summary>The operator with this email, or null.</summary>
    public Task<Operator?> FindAsync(string email) => users.FindByEmailAsync(email);

    /// <summary>Every operator with their role, by email.</summary>
    public async Task<IReadOnlyList<(Operator Operator, string Role)>> ListAsync(CancellationToken cancellationToken)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var result = new List<(Operator, string)>();
        foreach (var op in all)
        {
            result.Add((op, (await users.GetRolesAsync(op)).FirstOrDefault() ?? ""));
        }
        return result;
    }

    async Task EnsureRolesAsync()
    {
        foreach (var role in OperatorRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new OperatorAccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
