using System.Security.Claims;

namespace VoiceGrains.Console.Security;

/// <summary>What the console reads from a signed-in operator, whether they came by cookie or by API token.</summary>
public static class OperatorClaims
{
    /// <summary>The operator's id (Identity's user id), as the audit log records who did what.</summary>
    public static string Id(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has an operator.");
    }
}
