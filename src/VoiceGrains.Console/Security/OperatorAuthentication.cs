using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Security;

public static class OperatorAuthentication
{
    /// <summary>The scheme that picks a request's credential: its API token if it presents one, else the sign-in cookie.</summary>
    public const string Scheme = "Operator";

    public const string SignInPath = "/signin";

    /// <summary>
    /// Operators sign in with ASP.NET Core Identity (hashed passwords, lockout) and a cookie; scripts present an API
    /// token. Every endpoint needs one of the two unless it says otherwise (<see cref="OperatorPolicies"/>). The
    /// cookie is HTTP-only and same-site strict, and its keys are kept in the database so every console process reads it.
    /// </summary>
    public static IHostApplicationBuilder AddOperatorAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddVoiceGrainsOperators().AddSignInManager();
        builder.Services.AddDataProtection().SetApplicationName("voicegrains-console").PersistKeysToDbContext<OperatorDbContext>();
        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Operator", options => options.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.Presents(context.Request) ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "voicegrains.console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // The REST API answers 401/403; only pages are sent to the sign-in page. Identity's own check of the
            // operator's security stamp stays: it is what ends a session whose role changed or account was locked.
            cookie.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden),
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
            };
        });
        // How soon a changed role or a lockout reaches a signed-in operator's next request (Identity's default: 30 min).
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        OperatorPolicies.Add(builder.Services.AddAuthorizationBuilder());
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
