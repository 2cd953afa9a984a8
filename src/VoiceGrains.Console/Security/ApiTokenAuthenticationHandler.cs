using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Security;

/// <summary>
/// "Authorization: Bearer vg_…": an operator's API token (<see cref="ApiTokens"/>) signs the request in as that operator,
/// with the roles the operator has now. Written here because ASP.NET Core's own bearer tokens expire within hours and
/// cannot be listed or revoked one by one, which is what a script's credential needs. A token never reaches a log.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiTokens tokens, IUserClaimsPrincipalFactory<Operator> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    const string BearerPrefix = "Bearer ";

    /// <summary>Whether the request presents a bearer token (and so is authenticated by this scheme alone).</summary>
    public static bool Presents(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Presents(Request))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = Request.Headers.Authorization.ToString()[BearerPrefix.Length..].Trim();
        var op = await tokens.FindOperatorAsync(presented, Context.RequestAborted);
        if (op is null)
        {
            return AuthenticateResult.Fail("The API token is unknown or revoked.");
        }
        var principal = await principals.CreateAsync(op);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
