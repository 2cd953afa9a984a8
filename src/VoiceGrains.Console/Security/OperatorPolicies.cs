using VoiceGrains.Operators;

namespace VoiceGrains.Console.Security;

/// <summary>
/// Authorization policies by role. Every endpoint without one still needs a signed-in operator of any role (the
/// fallback policy in <see cref="OperatorAuthentication"/>); these are for what only some roles may do.
/// </summary>
public static class OperatorPolicies
{
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        authorization
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().RequireRole(OperatorRoles.AtLeast(OperatorRoles.Viewer)).Build())
            .AddPolicy(Supervisor, policy => policy.RequireAuthenticatedUser().RequireRole(OperatorRoles.AtLeast(OperatorRoles.Supervisor)))
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(OperatorRoles.AtLeast(OperatorRoles.Admin)));
    }
}
