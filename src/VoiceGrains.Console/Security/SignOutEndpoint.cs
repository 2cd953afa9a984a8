using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using VoiceGrains.Operators;

namespace VoiceGrains.Console.Security;

/// <summary><c>POST /signout</c> (a form, so anti-forgery checked): ends the operator's session and returns to the sign-in page.</summary>
public static class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/signout", async ([FromForm] string? unused, SignInManager<Operator> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect(OperatorAuthentication.SignInPath);
        });
        return routes;
    }
}
