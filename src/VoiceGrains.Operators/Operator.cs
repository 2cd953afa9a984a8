using Microsoft.AspNetCore.Identity;

namespace VoiceGrains.Operators;

/// <summary>A person who runs the contact center: signs in to the console and the REST API (ASP.NET Core Identity's user).</summary>
public sealed class Operator : IdentityUser;
